"""`/health/` for the load balancer: can this instance reach the database and Redis, and has a worker
run the heartbeat lately? One word per check and no data.

503 when the database or Redis is down (this instance cannot serve). A silent worker does not take the
web instances out of the balancer (pages still work; reports wait): it answers 200 "degraded", and
`/health/?require=worker` (for monitoring) answers 503 then."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

HEARTBEAT_KEY = "nurture:worker-heartbeat"


def heartbeat_key() -> str:
    """Return the Redis key of this installation's heartbeat (one per queue: installs may share a Redis)."""
    return f"{HEARTBEAT_KEY}:{settings.CELERY_TASK_DEFAULT_QUEUE}"


def redis_client():
    import redis

    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 (any failure is "down" to a balancer)
        return "down"
    return "ok"


def check_redis_and_worker() -> tuple[str, str, int | None]:
    """Return Redis's state, the worker's, and how many seconds ago a worker ran the heartbeat."""
    if not settings.REDIS_URL:
        return "not used", "not used", None  # development: tasks run in the web process
    try:
        client = redis_client()
        client.ping()
        stamp = client.get(heartbeat_key())
    except Exception:  # noqa: BLE001
        return "down", "unknown", None
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "ok", "not used", None
    if stamp is None:
        return "ok", "silent", None
    age = max(0, int(time.time() - float(stamp)))
    return "ok", ("ok" if age <= settings.HEALTH_WORKER_MAX_AGE else "silent"), age


@login_not_required
@never_cache
@require_GET
def health(request):
    """Answer the balancer: 200 when the database and Redis answer, 503 otherwise (see the module)."""
    database = check_database()
    redis, worker, worker_age = check_redis_and_worker()
    serving = database == "ok" and redis in ("ok", "not used")
    worker_fine = worker in ("ok", "not used")
    status = "ok" if serving and worker_fine else ("degraded" if serving else "failing")
    body = {"status": status, "database": database, "redis": redis, "worker": worker}
    if worker_age is not None:
        body["worker_seen_seconds_ago"] = worker_age
    required = serving and (worker_fine or request.GET.get("require") != "worker")
    return JsonResponse(body, status=200 if required else 503)
