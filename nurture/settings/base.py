"""Settings shared by every environment; each value that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from celery.schedules import crontab

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Return an environment flag read as a boolean ('1', 'true', 'yes', 'on')."""
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Return a comma-separated environment variable as a list without blanks."""
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


# Production settings set this; `seed_demo` then refuses to run unless told this is a demo install.
PRODUCTION = False
DEMO_INSTALL = env_bool("NURTURE_DEMO_INSTALL", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-local-development-only-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "nurture.errors.csrf_failure"  # a page in the product's layout, not a bare 403

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "auditlog",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "core",
    "nurture",
    "pupils",
    "assessments",
    "targets",
    "reintegration",
    "reports",
    "privacy",
    "casework",
    "transfers",
    "trusts",
    "notices",
    "staff",
]

MIDDLEWARE = [
    "core.logs.RequestLogMiddleware",
    "nurture.timing.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.sessions.SlidingExpiryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "privacy.middleware.TwoFactorRequiredMiddleware",
    "privacy.middleware.NoStoreWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.audit.AuditlogMiddleware",  # auditlog's, with the client address read through trusted proxies only
    "core.audit.AuditContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nurture.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nurture.context_processors.navigation",
            ],
        },
    },
]

WSGI_APPLICATION = "nurture.wsgi.application"

# With no DATABASE_URL the app runs on a SQLite file, so a fresh machine needs only Python.
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
# PostgreSQL connection pooling (Django 5.2's psycopg pool), one pool per web or worker process:
# DATABASE_POOL_MAX_SIZE=8 keeps up to 8 connections open in each. Processes x max size must stay under
# the server's max_connections. A pool replaces persistent connections (CONN_MAX_AGE is then 0).
DATABASE_POOL_MAX_SIZE = int(os.environ.get("DATABASE_POOL_MAX_SIZE", "0"))
if DATABASE_POOL_MAX_SIZE and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": min(int(os.environ.get("DATABASE_POOL_MIN_SIZE", "1")), DATABASE_POOL_MAX_SIZE),
        "max_size": DATABASE_POOL_MAX_SIZE,
        "timeout": float(os.environ.get("DATABASE_POOL_TIMEOUT", "10")),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "nurture.backends.SchoolStaffBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# An emailed invitation link works once, for this many days (staff/tokens.py).
STAFF_INVITATION_DAYS = int(os.environ.get("STAFF_INVITATION_DAYS", "7"))
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in throttling (django-axes): five failures lock the username from that address for 30 minutes,
# and failures naming ten different usernames lock the address itself (password spraying; core/throttle.py).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "core.throttle.SourceThrottleHandler"
AXES_SOURCE_USERNAME_LIMIT = int(os.environ.get("SIGNIN_SOURCE_USERNAME_LIMIT", "10"))
AXES_CLIENT_IP_CALLABLE = "core.proxy.client_ip"
# The proxies (addresses or networks) whose X-Forwarded-For is believed, for the audit trail and
# throttling (core/proxy.py). Empty: the header is ignored and the connection's address is the client's.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_CALLABLE = "privacy.signin.axes_username"  # cut to 150 characters: see privacy/signin.py

# Sessions end after 30 minutes without activity: a shared classroom tablet must not stay signed in.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(30 * 60)))
# Inactivity ends a session: core.sessions pushes the expiry on at most once a minute (not on every request).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y"]
# Dates are shown one way everywhere ("1 Dec 2026", "1 Dec 2026 14:05"): nurture/formats/en_GB/formats.py.
FORMAT_MODULE_PATH = ["nurture.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Generated files (governors' reports, subject access exports) live under MEDIA_ROOT, or, when
# MEDIA_S3_BUCKET is set, in an S3-compatible store (django-storages; credentials from AWS_ACCESS_KEY_ID
# and AWS_SECRET_ACCESS_KEY). Either way they are served only through the app's own permission-checked views.
if os.environ.get("MEDIA_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["MEDIA_S3_BUCKET"],
            "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,  # e.g. a MinIO or a UK provider
            "region_name": os.environ.get("MEDIA_S3_REGION") or None,
            "location": os.environ.get("MEDIA_S3_PREFIX", "media"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": True,  # a rebuilt report replaces its file
            "object_parameters": {"ServerSideEncryption": "AES256"} if env_bool("MEDIA_S3_ENCRYPT", True) else {},
        },
    }

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# EMAIL_URL (dj-email-url) names the mail server: submission://user:password@smtp.example.org (SMTP on
# 587 with STARTTLS), smtps://user:password@smtp.example.org (465, TLS), console://, dummy://.
if os.environ.get("EMAIL_URL"):
    _email = dj_email_url.parse(os.environ["EMAIL_URL"])
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST, EMAIL_PORT = _email["EMAIL_HOST"], _email["EMAIL_PORT"]
    EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_USER"], _email["EMAIL_HOST_PASSWORD"]
    EMAIL_USE_TLS, EMAIL_USE_SSL = _email["EMAIL_USE_TLS"], _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))  # a hung mail server must not hang a worker
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Nurture <no-reply@nurture.invalid>")

# Celery: Redis when REDIS_URL is set; otherwise tasks run eagerly in the calling process.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "nurture")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
# The worker and beat log through Django's LOGGING (JSON lines in production), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_WORKER_REDIRECT_STDOUTS = False
# Beat queues a heartbeat; the worker that runs it stamps Redis; /health/ reports how long ago (core/health.py).
HEARTBEAT_SECONDS = float(os.environ.get("HEARTBEAT_SECONDS", "60"))
HEALTH_WORKER_MAX_AGE = float(os.environ.get("HEALTH_WORKER_MAX_AGE", "300"))

# Uploads: a MIS export of a large primary school is well under 2 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_BYTES = 2 * 1024 * 1024

# Audit: django-auditlog records create/update/delete with old and new values, plus our own
# 'access' entries for views of a pupil's record.
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

# The benchmark asks each response for its server and SQL time (nurture/timing.py).
NURTURE_TIMING = env_bool("NURTURE_TIMING", False)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): only our own files; no inline script or style, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Two-factor sign-in (privacy app, django-otp): required for the roles below, and for every
# role in a school that asks for it. Only the test settings turn the gate off (see there).
TWO_FACTOR_ENFORCED = True
OTP_TOTP_ISSUER = "Nurture"

# Log lines to stdout (core/logs.py): LOG_FORMAT=json (production's default) writes one JSON object a line.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "core.logs.ContextFilter"}},
    "formatters": {
        "json": {"()": "core.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s [request %(request_id)s user %(user_id)s]"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout",
                             "formatter": LOG_FORMAT, "filters": ["context"]}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"level": "ERROR"},  # our request line (nurture.request) already says 4xx and 5xx
        "axes": {"level": "ERROR"},  # axes's own lines name the username tried; ours (core/logs.py) carry ids
        "weasyprint": {"level": "WARNING"},  # a line per PDF build step
        "fontTools": {"level": "WARNING"},
    },
}

# Each app's contribution to the dashboards and to a pupil's case page (see nurture/panels.py).
DASHBOARD_PANELS = [
    "pupils.panels.dashboard_panels",
    "assessments.panels.dashboard_panels",
    "targets.panels.dashboard_panels",
    "reintegration.panels.dashboard_panels",
    "reports.panels.dashboard_panels",
    "casework.panels.dashboard_panels",
]
CASE_SECTIONS = [
    "pupils.panels.case_sections",
    "assessments.panels.case_sections",
    "targets.panels.case_sections",
    "targets.panels.dose_sections",
    "reintegration.panels.case_sections",
    "casework.panels.case_sections",
    "privacy.panels.case_sections",
    "transfers.panels.case_sections",
]
# Each app's contribution to a nurture group's page.
GROUP_SECTIONS = [
    "targets.panels.group_sections",
]

# Each app's part of a subject access export and of erasing a pupil (see privacy/registry.py).
SUBJECT_ACCESS_EXPORTERS = [
    "privacy.exporters.pupil_sections",
    "privacy.exporters.referral_sections",
    "assessments.privacy.subject_access_sections",
    "targets.privacy.subject_access_sections",
    "reintegration.privacy.subject_access_sections",
    "casework.privacy.subject_access_sections",
    "transfers.privacy.subject_access_sections",
    "privacy.exporters.audit_sections",
]
PUPIL_ERASERS = [
    "privacy.erasure.erase_pupil_row",
    "privacy.erasure.erase_referral_text",
    "assessments.privacy.erase",
    "targets.privacy.erase",
    "reintegration.privacy.erase",
    "casework.privacy.erase",
    "transfers.privacy.erase",
    "privacy.erasure.erase_audit_values",
    "privacy.erasure.erase_subject_access_exports",
]
SUBJECT_ACCESS_EXPORT_KEEP_DAYS = 7
# Celery beat: the nightly retention check lists records past their school's retention period.
# Who is told what when a service announces an event (core.notices.announce).
NOTICE_HANDLERS = ["notices.handlers.handle"]

CELERY_BEAT_SCHEDULE = {
    # Every weekday afternoon, each person's notices of the day in one email (those who chose the digest).
    "notice-digests": {"task": "notices.tasks.send_notice_digests",
                       "schedule": crontab(hour=16, minute=0, day_of_week="mon-fri")},
    "assessments-due-notices": {"task": "notices.tasks.send_assessments_due_notices",
                                "schedule": crontab(hour=7, minute=0, day_of_week="mon-fri")},
    "list-expired-records": {"task": "privacy.tasks.list_expired_records", "schedule": 24 * 3600},
    "delete-old-subject-access-exports": {"task": "privacy.tasks.delete_old_exports", "schedule": 24 * 3600},
    # Every weekday evening: if a term ended today, build each school's governors' report for it.
    "governor-reports-at-the-end-of-term": {
        "task": "reports.tasks.build_end_of_term_reports",
        "schedule": crontab(hour=17, minute=30, day_of_week="mon-fri"),
        "options": {"expires": 60 * 60 * 12},
    },
    "heartbeat": {"task": "core.tasks.heartbeat", "schedule": HEARTBEAT_SECONDS,
                  "options": {"expires": HEARTBEAT_SECONDS}},
}

# The address used in links of emails (e.g. a placement told to the referring teacher).
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000")

# A referral shows whether the baseline SDQ and Boxall Profile are recorded (assessments sits above pupils).
REFERRAL_BASELINE_STATUS = "assessments.selectors.referral_baseline_status"
# Ending a placement is graduation (how it ended is required): the pupils app's "End" sends the user there.
PLACEMENT_ENDING_URL = "reintegration:graduate"
