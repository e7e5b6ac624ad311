"""Settings for the test suite: fast hashing, eager Celery unless REDIS_URL is set, mail kept in memory."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
AXES_ENABLED = True
# Tests keep their own media folder so uploads never land in a developer's.
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# Tasks run eagerly in tests, even when REDIS_URL is set (CI); the one test that proves the job on a real
# worker switches this off for itself (reports/tests/test_worker.py).
CELERY_TASK_ALWAYS_EAGER = True

# `client.force_login` skips the whole sign-in form (password and second factor alike), so page
# tests run with the two-factor gate off. privacy/tests/test_two_factor.py switches it on and proves
# every URL is closed to an unverified SENCO; the browser `sign_in` fixture switches it on and passes
# the real second step. Base and production settings always enforce it (and `check --deploy` fails if not).
TWO_FACTOR_ENFORCED = False
