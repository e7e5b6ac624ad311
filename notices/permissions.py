"""Permission rules of the notices app: every member of a school chooses their own notice emails."""

import rules

CHOOSE_NOTICE_EMAILS = "notices.choose_emails"


@rules.predicate
def belongs_to_a_school(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "school_id", None) is not None


rules.add_perm(CHOOSE_NOTICE_EMAILS, belongs_to_a_school)
