"""Permission rules of the reports app: governors, senior leaders and the SENCO read the reports."""

import rules

from core.permissions import is_governor, is_same_school, is_school_admin, is_senco, is_senior_leader

VIEW_REPORTS = "reports.view_reports"
VIEW_REPORT = "reports.view_report"
WRITE_NARRATIVE = "reports.write_narrative"
MANAGE_COSTS = "reports.manage_costs"

readers = is_governor | is_senior_leader | is_senco

rules.add_perm(VIEW_REPORTS, readers)
rules.add_perm(VIEW_REPORT, is_same_school & readers)
rules.add_perm(WRITE_NARRATIVE, is_senco | is_senior_leader)
rules.add_perm(MANAGE_COSTS, is_school_admin | is_senco)
