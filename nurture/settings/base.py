"""Settings shared by every environment; each value that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
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
    "staff",
]

MIDDLEWARE = [
    "nurture.timing.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
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
    "auditlog.middleware.AuditlogMiddleware",
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

# Sign-in throttling (django-axes): five failures lock the username from that address for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_CALLABLE = "privacy.signin.axes_username"  # cut to 150 characters: see privacy/signin.py

# Sessions end after 30 minutes without activity: a shared classroom tablet must not stay signed in.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Each app's contribution to the dashboards and to a pupil's case page (see nurture/panels.py).
DASHBOARD_PANELS = [
    "pupils.panels.dashboard_panels",
    "assessments.panels.dashboard_panels",
    "targets.panels.dashboard_panels",
    "reintegration.panels.dashboard_panels",
    "reports.panels.dashboard_panels",
]
CASE_SECTIONS = [
    "pupils.panels.case_sections",
    "assessments.panels.case_sections",
    "targets.panels.case_sections",
    "reintegration.panels.case_sections",
    "privacy.panels.case_sections",
]

# Each app's part of a subject access export and of erasing a pupil (see privacy/registry.py).
SUBJECT_ACCESS_EXPORTERS = [
    "privacy.exporters.pupil_sections",
    "privacy.exporters.referral_sections",
    "assessments.privacy.subject_access_sections",
    "targets.privacy.subject_access_sections",
    "reintegration.privacy.subject_access_sections",
    "privacy.exporters.audit_sections",
]
PUPIL_ERASERS = [
    "privacy.erasure.erase_pupil_row",
    "privacy.erasure.erase_referral_text",
    "assessments.privacy.erase",
    "targets.privacy.erase",
    "reintegration.privacy.erase",
    "privacy.erasure.erase_audit_values",
    "privacy.erasure.erase_subject_access_exports",
]
SUBJECT_ACCESS_EXPORT_KEEP_DAYS = 7
# Celery beat: the nightly retention check lists records past their school's retention period.
CELERY_BEAT_SCHEDULE = {
    "list-expired-records": {"task": "privacy.tasks.list_expired_records", "schedule": 24 * 3600},
    "delete-old-subject-access-exports": {"task": "privacy.tasks.delete_old_exports", "schedule": 24 * 3600},
    # Every weekday evening: if a term ended today, build each school's governors' report for it.
    "governor-reports-at-the-end-of-term": {
        "task": "reports.tasks.build_end_of_term_reports",
        "schedule": crontab(hour=17, minute=30, day_of_week="mon-fri"),
        "options": {"expires": 60 * 60 * 12},
    },
}

# The address used in links of emails (e.g. a placement told to the referring teacher).
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000")

# A referral shows whether the baseline SDQ and Boxall Profile are recorded (assessments sits above pupils).
REFERRAL_BASELINE_STATUS = "assessments.selectors.referral_baseline_status"
# Ending a placement is graduation (how it ended is required): the pupils app's "End" sends the user there.
PLACEMENT_ENDING_URL = "reintegration:graduate"
