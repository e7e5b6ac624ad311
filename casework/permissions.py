"""Who may read and write case notes and meetings (django-rules), and who sees restricted ones."""

from __future__ import annotations

import rules

from core.permissions import (
    is_case_team,
    is_class_teacher,
    is_same_school,
    is_senco,
    is_senior_leader,
    teaches_pupil,
)

VIEW_CASEWORK = "casework.view_casework"
ADD_CASEWORK = "casework.add_casework"
VIEW_RESTRICTED = "casework.view_restricted"
COMPLETE_ACTION = "casework.complete_action"


@rules.predicate
def owns_action(user, action) -> bool:
    return action.owner_id == user.pk


rules.add_perm(VIEW_CASEWORK, is_same_school & (is_case_team | (is_class_teacher & teaches_pupil)))
rules.add_perm(ADD_CASEWORK, is_same_school & (is_case_team | (is_class_teacher & teaches_pupil)))
rules.add_perm(VIEW_RESTRICTED, is_same_school & (is_senco | is_senior_leader))
rules.add_perm(COMPLETE_ACTION, is_same_school & (owns_action | is_senco))
