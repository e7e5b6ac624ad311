"""Permission rules of the reintegration app, built from the shared predicates in nurture.permissions.

The case team (SENCO, senior leaders, nurture staff) sees and acts on every pupil's return; a class
teacher sees their own pupils' readiness, transition plan and follow-ups, and may rate readiness in
class. Governors and school admins see none of it (the cohort page names pupils).
"""

from __future__ import annotations

import rules

from core.permissions import is_case_team, is_class_teacher, is_same_school, is_senco, teaches_pupil

VIEW_REINTEGRATION = "reintegration.view_reintegration"  # object: a pupil
RATE_READINESS = "reintegration.rate_readiness"  # object: a pupil
CHANGE_REINTEGRATION = "reintegration.change_reintegration"  # object: a pupil (plan, graduation, follow-ups)
VIEW_COHORT = "reintegration.view_cohort"  # the cohort page and the due lists
MANAGE_SCALE = "reintegration.manage_scale"  # the school's criteria, threshold and follow-up terms

rules.add_perm(VIEW_REINTEGRATION, is_same_school & (is_case_team | (is_class_teacher & teaches_pupil)))
rules.add_perm(RATE_READINESS, is_same_school & (is_case_team | (is_class_teacher & teaches_pupil)))
rules.add_perm(CHANGE_REINTEGRATION, is_same_school & is_case_team)
rules.add_perm(VIEW_COHORT, is_case_team)
rules.add_perm(MANAGE_SCALE, is_senco)
