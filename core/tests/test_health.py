"""/health/ for the balancer: the database, Redis and the worker's heartbeat; no data, no sign-in."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse

from core import health


class FakeRedis:
    def __init__(self, stamp=None, down=False):
        self.stamp, self.down = stamp, down

    def ping(self):
        if self.down:
            raise ConnectionError("refused")
        return True

    def get(self, key):
        assert key == health.heartbeat_key()
        return self.stamp

    def set(self, key, value, ex=None):
        self.stamp = value.encode()


@pytest.fixture
def with_worker(settings, monkeypatch):
    settings.REDIS_URL = "redis://127.0.0.1:6379/15"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.HEALTH_WORKER_MAX_AGE = 300

    def use(fake):
        monkeypatch.setattr(health, "redis_client", lambda: fake)
        return fake
    return use


@pytest.mark.django_db
def test_without_redis_development_is_healthy_and_says_the_worker_is_not_used(client, settings):
    settings.REDIS_URL = ""
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "not used", "worker": "not used"}


@pytest.mark.django_db
def test_a_worker_that_ran_the_heartbeat_lately_is_ok(client, with_worker):
    with_worker(FakeRedis(stamp=str(time.time() - 42).encode()))
    body = client.get(reverse("health")).json()
    assert body["status"] == "ok" and body["worker"] == "ok" and 41 <= body["worker_seen_seconds_ago"] <= 44


@pytest.mark.django_db
def test_the_heartbeat_task_stamps_what_health_reads(client, with_worker):
    from core.tasks import heartbeat

    fake = with_worker(FakeRedis())
    heartbeat()
    assert client.get(reverse("health")).json()["worker"] == "ok"
    assert fake.stamp


@pytest.mark.django_db
def test_a_silent_worker_keeps_the_instance_in_the_balancer_but_fails_monitoring(client, with_worker):
    with_worker(FakeRedis(stamp=str(time.time() - 900).encode()))
    response = client.get(reverse("health"))
    strict = client.get(reverse("health") + "?require=worker")
    assert response.status_code == 200 and response.json()["status"] == "degraded"
    assert response.json()["worker"] == "silent" and strict.status_code == 503


@pytest.mark.django_db
def test_redis_down_takes_the_instance_out(client, with_worker):
    with_worker(FakeRedis(down=True))
    response = client.get(reverse("health"))
    assert response.status_code == 503 and response.json()["redis"] == "down"


@pytest.mark.django_db
def test_the_database_down_takes_the_instance_out(client, monkeypatch, settings):
    settings.REDIS_URL = ""
    monkeypatch.setattr(health, "check_database", lambda: "down")
    response = client.get(reverse("health"))
    assert response.status_code == 503 and response.json()["database"] == "down"


@pytest.mark.django_db
def test_health_needs_no_sign_in_shows_no_data_and_is_never_cached(client, settings, pupil,
                                                                   django_assert_max_num_queries):
    settings.REDIS_URL = ""
    with django_assert_max_num_queries(1):
        response = client.get(reverse("health"))
    assert response.status_code == 200 and "no-cache" in response["Cache-Control"]
    assert pupil.legal_last_name not in response.content.decode() and set(response.json()) == {
        "status", "database", "redis", "worker"}
