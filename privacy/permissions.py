"""Who may use the privacy pages: two-factor set-up is everyone's; the record's duties are the SENCO's."""

import rules

from core.permissions import is_same_school, is_school_admin, is_senco, is_senior_leader

MANAGE_PRIVACY_SETTINGS = "privacy.manage_settings"
EXPORT_PUPIL = "privacy.export_pupil"
REVIEW_RETENTION = "privacy.review_retention"
MANAGE_OWN_TWO_FACTOR = "privacy.manage_own_two_factor"

rules.add_perm(MANAGE_OWN_TWO_FACTOR, rules.is_authenticated)
rules.add_perm(MANAGE_PRIVACY_SETTINGS, is_senco | is_senior_leader | is_school_admin)
rules.add_perm(EXPORT_PUPIL, is_same_school & is_senco)
rules.add_perm(REVIEW_RETENTION, is_senco)
