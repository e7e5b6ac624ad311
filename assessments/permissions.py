"""Permission rules of the assessments app, built from the shared predicates in nurture.permissions.

The case team (SENCO, senior leaders, nurture staff) enter and see every assessment in their
school; a class teacher sees the assessments of the pupils of their class and may enter a teacher
SDQ for them; governors and school admins never see or enter a child's assessments. The SENCO or the school
admin records the licence the school holds for each instrument; the case team and the school
admin see it.
"""

from __future__ import annotations

import rules

from core.permissions import (
    is_case_team,
    is_class_teacher,
    is_same_school,
    is_school_admin,
    is_senco,
    teaches_pupil,
)

VIEW_ASSESSMENTS = "assessments.view_assessments"  # on a pupil: the whole-child page
ENTER_SDQ = "assessments.enter_sdq"  # on a pupil; class teachers: teacher informant only
ENTER_PARENT_SDQ = "assessments.enter_parent_sdq"  # on a pupil
ENTER_ASSESSMENT = "assessments.enter_assessment"  # on a pupil: Boxall, attainment, attendance, incidents
VIEW_GROUP_ASSESSMENTS = "assessments.view_group_assessments"  # on a nurture group
IMPORT_ATTENDANCE = "assessments.import_attendance"
VIEW_BOXALL_SETTINGS = "assessments.view_boxall_settings"
CHANGE_BOXALL_SETTINGS = "assessments.change_boxall_settings"
VIEW_ASSESSMENTS_DUE = "assessments.view_assessments_due"
VIEW_LICENCES = "assessments.view_licences"  # the school's SDQ and Boxall licences
CHANGE_LICENCES = "assessments.change_licences"

_teacher_of_pupil = is_class_teacher & teaches_pupil

rules.add_perm(VIEW_ASSESSMENTS, is_same_school & (is_case_team | _teacher_of_pupil))
rules.add_perm(ENTER_SDQ, is_same_school & (is_case_team | _teacher_of_pupil))
rules.add_perm(ENTER_PARENT_SDQ, is_same_school & is_case_team)
rules.add_perm(ENTER_ASSESSMENT, is_same_school & is_case_team)
rules.add_perm(VIEW_GROUP_ASSESSMENTS, is_same_school & is_case_team)
rules.add_perm(IMPORT_ATTENDANCE, is_case_team)
rules.add_perm(VIEW_BOXALL_SETTINGS, is_case_team)
rules.add_perm(CHANGE_BOXALL_SETTINGS, is_senco)
rules.add_perm(VIEW_ASSESSMENTS_DUE, is_case_team)
rules.add_perm(VIEW_LICENCES, is_case_team | is_school_admin)
rules.add_perm(CHANGE_LICENCES, is_senco | is_school_admin)
