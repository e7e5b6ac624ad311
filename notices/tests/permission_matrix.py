"""Permission cases of the notices app: everyone of a school chooses their own notice emails."""

from nurture.tests.matrix import EVERYONE, Case

CASES = [
    Case("notices:preferences", allowed=EVERYONE),
    Case("notices:preferences", allowed=EVERYONE, method="post", ok_status=302, data=lambda w: {"email": "each"}),
]
