"""Production settings for real services, each read from the environment in a fresh interpreter as a server would
(`check --deploy` itself: privacy/tests/test_deploy_check.py)."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

ROOT = settings.BASE_DIR


def _production(code: str, **environment) -> dict:
    """Run `code` (which prints JSON) under the production settings with this environment; return what it printed."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "REDIS_URL", "EMAIL_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(DJANGO_SETTINGS_MODULE="nurture.settings.production", SECRET_KEY=secrets.token_urlsafe(60),
               **environment)
    script = f"import django, json\ndjango.setup()\nfrom django.conf import settings\n{code}"
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_email_url_names_an_smtp_server_with_starttls():
    mail = _production("print(json.dumps([settings.EMAIL_BACKEND, settings.EMAIL_HOST, settings.EMAIL_PORT, "
                       "settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD, settings.EMAIL_USE_TLS, "
                       "settings.EMAIL_USE_SSL, settings.EMAIL_TIMEOUT]))",
                       EMAIL_URL="submission://nurture%40school.example:p%40ss@smtp.school.example")
    assert mail == ["django.core.mail.backends.smtp.EmailBackend", "smtp.school.example", 587,
                    "nurture@school.example", "p@ss", True, False, 20]


def test_the_database_pool_replaces_persistent_connections():
    database = _production("print(json.dumps(settings.DATABASES['default']))",
                           DATABASE_URL="postgres://nurture@db.internal:5432/nurture", DATABASE_POOL_MAX_SIZE="6")
    assert database["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 6, "timeout": 10.0}
    assert database["CONN_MAX_AGE"] == 0


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="needs a PostgreSQL DATABASE_URL")
def test_a_pooled_connection_answers_on_postgresql():
    answer = _production("from django.db import connection\nwith connection.cursor() as c:\n"
                         "    c.execute('SELECT 41 + 1')\n"
                         "    print(json.dumps([c.fetchone()[0], connection.pool is not None]))",
                         DATABASE_URL=os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres",  # one that exists
                         DATABASE_POOL_MAX_SIZE="2")
    assert answer == [42, True]


def test_the_proxy_defaults_and_health_exemption():
    values = _production("print(json.dumps([settings.TRUSTED_PROXIES, settings.SECURE_PROXY_SSL_HEADER, "
                         "settings.SECURE_REDIRECT_EXEMPT, settings.LOGGING['handlers']['console']['formatter']]))")
    assert values == [["127.0.0.1", "::1"], ["HTTP_X_FORWARDED_PROTO", "https"], ["^health/$"], "json"]


def test_media_go_to_s3_when_a_bucket_is_named():
    storage = _production("print(json.dumps(settings.STORAGES['default']))", MEDIA_S3_BUCKET="nurture-media",
                          MEDIA_S3_ENDPOINT_URL="https://s3.provider.example")
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "nurture-media" and storage["OPTIONS"]["default_acl"] == "private"


def test_sentry_starts_only_with_a_dsn_and_never_sends_personal_data():
    code = ("import sentry_sdk\nc = sentry_sdk.get_client()\no = c.options\n"
            "print(json.dumps([c.is_active(), o.get('send_default_pii'), o.get('include_local_variables'), "
            "o.get('max_request_body_size'), getattr(o.get('before_send'), '__name__', None)]))")
    assert _production(code, SENTRY_DSN="https://public@sentry.invalid/1") == [True, False, False, "never", "scrub"]
    assert _production(code)[0] is False
