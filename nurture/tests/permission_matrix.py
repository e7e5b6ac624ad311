"""Permission cases for the project's own pages: the home redirect and each role's dashboard."""

from nurture.tests.matrix import EVERYONE, Case

CASES = [
    Case("home", allowed=EVERYONE, ok_status=302),
    *[
        Case("dashboard", allowed=frozenset({role}), kwargs=lambda world, role=role: {"role": role}, label=role)
        for role in ["senco", "nurture_staff", "class_teacher", "senior_leader", "governor", "school_admin"]
    ],
    *[
        Case("dashboard", allowed=frozenset({role}), kwargs=lambda world, role=role: {"role": role},
             query=f"?list={key}&export=csv", label=f"{role} export {key}")
        for role in ["senco", "nurture_staff"] for key in ["overdue-targets", "assessments-due"]
    ],
]
