"""Who may raise, read and decide referrals, and manage placements (the foundation's rules are in
nurture.permissions; these are built from its predicates)."""

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

VIEW_REFERRAL_BOARD = "pupils.view_referral_board"
RAISE_REFERRAL = "pupils.raise_referral"
VIEW_REFERRAL = "pupils.view_referral"
EDIT_REFERRAL = "pupils.edit_referral"
MANAGE_REFERRAL = "pupils.manage_referral"
DECIDE_REFERRAL = "pupils.decide_referral"
VIEW_HOME_CIRCUMSTANCES = "pupils.view_home_circumstances"
MANAGE_PLACEMENT = "pupils.manage_placement"
VIEW_NOTICES = "pupils.view_notices"


@rules.predicate
def raised_referral(user, referral) -> bool:
    return referral.raised_by_id == user.pk


@rules.predicate
def referral_is_open(user, referral) -> bool:
    return referral.is_open


# Home circumstances (bereavement, care, domestic abuse) are for the SENCO and senior leaders only.
may_see_home_circumstances = is_senco | is_senior_leader

rules.add_perm(VIEW_REFERRAL_BOARD, is_case_team)
# A class teacher raises a concern for a pupil of their class; the SENCO for any pupil of the school.
rules.add_perm(RAISE_REFERRAL, is_same_school & (is_senco | (is_class_teacher & teaches_pupil)))
rules.add_perm(
    VIEW_REFERRAL, is_same_school & (is_case_team | (is_class_teacher & (raised_referral | teaches_pupil)))
)
# The concern and evidence: the SENCO, or the teacher who raised it while it is open.
rules.add_perm(EDIT_REFERRAL, is_same_school & referral_is_open & (is_senco | (is_class_teacher & raised_referral)))
# Evidence, parents and consent, moving between stages, withdrawing: led by the SENCO.
rules.add_perm(MANAGE_REFERRAL, is_same_school & is_senco)
# The panel: SENCO, a senior leader, nurture staff.
rules.add_perm(DECIDE_REFERRAL, is_same_school & is_case_team)
rules.add_perm(VIEW_HOME_CIRCUMSTANCES, is_same_school & may_see_home_circumstances)
rules.add_perm(MANAGE_PLACEMENT, is_same_school & is_case_team)
rules.add_perm(VIEW_NOTICES, rules.is_authenticated)
