"""Server-Timing for the benchmark: each response says how long it took, how much of that was SQL,
and how many queries ran. Switched on by NURTURE_TIMING=1 (the benchmark does; production need not)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connection


class QueryTimer:
    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


class ServerTimingMiddleware:
    def __init__(self, get_response):
        if not getattr(settings, "NURTURE_TIMING", False):
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        timer = QueryTimer()
        started = time.perf_counter()
        with connection.execute_wrapper(timer):
            response = self.get_response(request)
        total_ms = (time.perf_counter() - started) * 1000
        sql_ms = timer.seconds * 1000
        response["Server-Timing"] = f'app;dur={total_ms:.2f}, db;dur={sql_ms:.2f};desc="{timer.count} queries"'
        response["X-Query-Count"] = str(timer.count)
        return response
