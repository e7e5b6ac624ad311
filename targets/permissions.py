"""Permission rules of the targets app, built from the shared predicates in nurture.permissions.

One set of targets per pupil, the same for every adult: the case team (nurture staff, SENCO,
senior leaders) sees and edits every target of their school; a class teacher sees the targets
and passport of the pupils of their own class and records what they see in lessons. Governors
and school admins see none of it.
"""

from __future__ import annotations

import rules

from core.permissions import is_case_team, is_class_teacher, is_same_school, teaches_pupil

VIEW_TARGETS = "targets.view_targets"  # object: a pupil (or one of their targets)
CHANGE_TARGETS = "targets.change_targets"  # object: a pupil (or one of their targets)
RECORD_SEEN = "targets.record_seen"  # object: a pupil (or one of their targets)
VIEW_MY_CLASS = "targets.view_my_class"
LOG_OBSERVATIONS = "targets.log_observations"  # object: a nurture group

rules.add_perm(VIEW_TARGETS, is_same_school & (is_case_team | (is_class_teacher & teaches_pupil)))
rules.add_perm(CHANGE_TARGETS, is_same_school & is_case_team)
rules.add_perm(RECORD_SEEN, is_same_school & (is_case_team | (is_class_teacher & teaches_pupil)))
rules.add_perm(VIEW_MY_CLASS, is_class_teacher)
# Midday supervisors and other observers hold the nurture staff role for now.
rules.add_perm(LOG_OBSERVATIONS, is_same_school & is_case_team)
