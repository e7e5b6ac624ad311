"""Production settings: HTTPS only, a real secret key required, static files through whitenoise."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = False
PRODUCTION = True
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured("Set SECRET_KEY to a random string of at least 50 characters.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "https://127.0.0.1,https://localhost")

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# whitenoise serves the collected static files (the first middleware after SecurityMiddleware).
MIDDLEWARE = list(MIDDLEWARE)  # noqa: F405
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "whitenoise.middleware.WhiteNoiseMiddleware")
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# The balancer asks /health/ over plain HTTP on the instance's own port.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]

# The documented layout has the TLS proxy (Caddy) on the same server and gunicorn listening on
# loopback only, so the forwarded client address is believed from loopback; list the balancers'
# addresses here when they are elsewhere (core/proxy.py).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")

# One JSON object a line on stdout (journald or the platform's log collector keeps them).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {**LOGGING, "root": {**LOGGING["root"], "level": LOG_LEVEL},  # noqa: F405
           "handlers": {"console": {**LOGGING["handlers"]["console"], "formatter": LOG_FORMAT}}}  # noqa: F405

# Error reporting (optional): Sentry when SENTRY_DSN is set, with personal data scrubbed before
# anything leaves the server (core/sentry.py): no request bodies, cookies, headers, query strings,
# local variables or names; the user by id only.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from core.sentry import init_sentry

    init_sentry(SENTRY_DSN, environment=os.environ.get("SENTRY_ENVIRONMENT", "production"))
