"""Past one machine: two gunicorn instances behind one address, one Celery worker and beat, sharing
PostgreSQL and Redis, each started from the Procfile's own command with the production settings.

A governor signs in on instance A, carries on on instance B (the session lives in the database),
asks for the governors' report on A, watches the worker build it from B, and downloads it from B.
The test plays the TLS proxy: every request names the one address (Host: nurture.test), says it
came over https and forwards the client's address, as Caddy would. Runs where PostgreSQL and Redis
are (`make test` under .ci/run); skipped elsewhere.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from conftest import PASSWORD
from reports.models import GovernorReport
from reports.tests.scenario import TERM, build_term

ROOT = Path(__file__).resolve().parents[2]
HOST = "nurture.test"
CLIENT_ADDRESS = "203.0.113.10"

pytestmark = [
    pytest.mark.stack,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("REDIS_URL") or not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                       reason="needs REDIS_URL and a PostgreSQL DATABASE_URL (make test under .ci/run)"),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _procfile() -> dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line and not line.startswith("#"))


class Browser:
    """One person's browser behind the proxy: cookies kept across instances, https as the proxy says."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, form: dict | None = None) -> tuple[int, dict, bytes]:
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": CLIENT_ADDRESS,
                   "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")})
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "Origin": f"https://{HOST}",
                            "Referer": f"https://{HOST}{path}"})
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            for header in response.msg.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0" or morsel.value == "":
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            return response.status, dict(response.getheaders()), content
        finally:
            conn.close()


@pytest.fixture
def stack(tmp_path):
    """Start web A, web B, a worker and beat from the Procfile; yield their ports; stop them all."""
    db = connection.settings_dict
    database_url = (f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
                    f"{db['NAME']}")
    ports = {"a": _free_port(), "b": _free_port()}
    env = {key: value for key, value in os.environ.items() if key not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}}
    env.update({
        "PATH": f"{Path(sys.executable).parent}:{env.get('PATH', '')}",
        "DJANGO_SETTINGS_MODULE": "nurture.settings.production", "SECRET_KEY": secrets.token_urlsafe(60),
        "DATABASE_URL": database_url, "DATABASE_POOL_MAX_SIZE": "2", "REDIS_URL": os.environ["REDIS_URL"],
        "CELERY_QUEUE": f"nurture-stack-{uuid.uuid4().hex[:8]}", "ALLOWED_HOSTS": HOST,
        "CSRF_TRUSTED_ORIGINS": f"https://{HOST}", "MEDIA_ROOT": str(tmp_path / "media"),
        "BEAT_SCHEDULE": str(tmp_path / "beat-schedule"), "HEARTBEAT_SECONDS": "1", "WEB_CONCURRENCY": "2",
        "WORKER_CONCURRENCY": "1", "LOG_FORMAT": "json", "LOG_LEVEL": "INFO", "STATIC_ROOT": str(tmp_path / "static"),
    })
    collected = subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
                               cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert collected.returncode == 0, collected.stderr
    commands = _procfile()
    plan = [("web-a", commands["web"], {"WEB_BIND": f"127.0.0.1:{ports['a']}"}),
            ("web-b", commands["web"], {"WEB_BIND": f"127.0.0.1:{ports['b']}"}),
            ("worker", commands["worker"], {}), ("beat", commands["beat"], {})]
    processes, logs = {}, {}
    try:
        for name, command, extra in plan:
            logs[name] = tmp_path / f"{name}.log"
            processes[name] = subprocess.Popen(["bash", "-c", f"exec {command}"], cwd=ROOT, env={**env, **extra},
                                               stdout=logs[name].open("wb"), stderr=subprocess.STDOUT,
                                               start_new_session=True)
        deadline = time.monotonic() + 60
        for port in ports.values():
            while True:
                for name, process in processes.items():
                    assert process.poll() is None, f"{name} stopped:\n{logs[name].read_text()[-3000:]}"
                try:
                    status, _, _ = Browser().request(port, "GET", "/health/")
                    if status in (200, 503):
                        break
                except OSError:
                    pass
                assert time.monotonic() < deadline, "the web instances did not start"
                time.sleep(0.3)
        yield ports, logs
    finally:
        for process in processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        connection.close()


def _wait_for(check, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def test_sign_in_on_a_carry_on_on_b_and_a_report_built_by_the_worker_downloads_from_b(stack, school, governor):
    ports, logs = stack
    a, b = ports["a"], ports["b"]
    build_term(school)
    # The test settings hash with MD5 for speed; production knows only its own hashers.
    governor.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt(), iterations=1000)
    governor.save(update_fields=["password"])
    person = Browser()

    # Sign in on A (the login page through gunicorn, then the form).
    status, _, page = person.request(a, "GET", "/accounts/login/")
    assert status == 200 and b'name="password"' in page
    status, headers, _ = person.request(a, "POST", "/accounts/login/",
                                        {"username": governor.username, "password": PASSWORD})
    assert status == 302 and "sessionid" in person.cookies, headers

    # Carry on on B: the same session, the governor's dashboard.
    status, headers, _ = person.request(b, "GET", "/")
    assert status == 302 and headers["Location"] == "/dashboard/governor/"
    status, _, page = person.request(b, "GET", "/dashboard/governor/")
    assert status == 200 and governor.first_name.encode() in page

    # Ask for the report on A; the worker builds it; B shows the progress and serves the file.
    person.request(a, "GET", "/reports/")
    status, headers, _ = person.request(a, "POST", "/reports/", {"term": TERM})
    assert status == 302, headers
    report = GovernorReport.objects.get(school=school)
    assert headers["Location"] == f"/reports/{report.pk}/"

    def ready():
        _, _, body = person.request(b, "GET", f"/reports/{report.pk}/status/")
        state = json.loads(body)
        assert state["status"] != "failed", state["error"]
        return state if state["status"] == "ready" else None

    state = _wait_for(ready, 120, "the worker to build the report")
    status, headers, pdf = person.request(b, "GET", state["download_url"])
    assert status == 200 and headers["Content-Type"] == "application/pdf" and pdf.startswith(b"%PDF")

    # Both instances see the worker's heartbeat (beat queues it, the worker stamps Redis).
    for port in (a, b):
        body = _wait_for(lambda port=port: (lambda s: s if s["worker"] == "ok" else None)(
            json.loads(person.request(port, "GET", "/health/")[2])), 30, "the heartbeat")
        assert body["status"] == "ok" and body["database"] == "ok" and body["redis"] == "ok"

    # The download was audited with the client's address, forwarded by the (trusted, loopback) proxy.
    download = LogEntry.objects.filter(additional_data__event="download").get()
    assert download.remote_addr == CLIENT_ADDRESS and download.actor_id == governor.pk

    # Every line from the web instances, the worker and beat is JSON; the request lines carry ids; no child's name.
    lines = {name: [line for line in path.read_text().splitlines() if line.strip()] for name, path in logs.items()}
    records = {name: [json.loads(line) for line in found if line.startswith("{")] for name, found in lines.items()}
    for name, found in lines.items():
        assert found, f"{name} wrote nothing"
        not_json = [line for line in found if not line.startswith("{")]
        assert not not_json, f"{name} wrote lines that are not JSON: {not_json[:3]}"
    requests = [r for name in ("web-a", "web-b") for r in records[name] if r.get("logger") == "nurture.request"]
    sign_in = [r for r in records["web-a"] if r.get("route") == "accounts/login/" and r["method"] == "POST"]
    assert sign_in and sign_in[0]["status"] == 302
    on_b = [r for r in records["web-b"] if r.get("route") == "reports/<int:pk>/download/"]
    assert on_b and on_b[0]["user_id"] == governor.pk and on_b[0]["school_id"] == school.pk
    assert all(r["request_id"] and "duration_ms" in r for r in requests)
    assert any(r.get("task") == "reports.tasks.build_governor_report" for r in records["worker"])
    everything = "\n".join("\n".join(found) for found in lines.values())
    assert "Secretname" not in everything, "a child's name reached the logs"
    assert not re.search(re.escape(PASSWORD), everything)
