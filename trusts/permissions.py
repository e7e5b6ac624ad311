"""Permission rules of the trust leader's pages: aggregates of the trust's own schools, never a child's record."""

import rules

from core.models import Role

VIEW_TRUST_DASHBOARD = "trusts.view_dashboard"
VIEW_TRUST_REPORT = "trusts.view_report"


@rules.predicate
def is_trust_leader(user) -> bool:
    """The user leads a trust (holds the role and belongs to a trust, not to a school)."""
    return (bool(getattr(user, "is_authenticated", False)) and getattr(user, "trust_id", None) is not None
            and user.has_role(Role.TRUST_LEADER))


@rules.predicate
def is_same_trust(user, record) -> bool:
    """The record (a trust report) belongs to the user's trust."""
    trust_id = getattr(record, "trust_id", None)
    return trust_id is not None and trust_id == getattr(user, "trust_id", None)


rules.add_perm(VIEW_TRUST_DASHBOARD, is_trust_leader)
rules.add_perm(VIEW_TRUST_REPORT, is_trust_leader & is_same_trust)
