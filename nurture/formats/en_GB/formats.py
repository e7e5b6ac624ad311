"""How Nurture shows dates: one way everywhere ("1 Dec 2026", with a time "1 Dec 2026 14:05").

Only the display formats are set here; input formats fall through to Django's en_GB module.
"""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
