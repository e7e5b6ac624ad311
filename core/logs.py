"""Log lines: one JSON object a line on stdout from the web, the worker and beat (Django's LOGGING).

Every line carries the request id, user id and school id of the request it was written in (or the
task id and name in the worker), so one request can be followed across instances. One line per
request says its method, route, status and duration. Ids only: never a child's name, never free text
a user typed, never a query string (a search box's query could be a child's name).

Also the warning for a sign-in lockout (django-axes), with ids and the address only.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

logger = logging.getLogger("nurture.signin")
request_logger = logging.getLogger("nurture.request")

CONTEXT_FIELDS = ("request_id", "user_id", "school_id", "task_id", "task")
_context: dict[str, contextvars.ContextVar] = {name: contextvars.ContextVar(f"nurture_log_{name}", default=None)
                                               for name in CONTEXT_FIELDS}
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def set_context(**values) -> list:
    """Set fields every log line of this request or task carries; return tokens for `reset_context`."""
    return [(_context[name], _context[name].set(value)) for name, value in values.items()]


def reset_context(tokens: list) -> None:
    for variable, token in reversed(tokens):
        variable.reset(token)


def current(name: str):
    return _context[name].get()


class ContextFilter(logging.Filter):
    """Give every record the request's (or task's) ids, so the formatter can write them."""

    def filter(self, record: logging.LogRecord) -> bool:
        for name in CONTEXT_FIELDS:
            if getattr(record, name, None) is None:
                setattr(record, name, _context[name].get())
        return True


class JsonFormatter(_JsonFormatter):
    """python-json-logger, with our field names and the context ids; empty ids are left out."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger", "asctime": "time"})
        kwargs.setdefault("timestamp", False)
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s", *args, **kwargs)

    def add_fields(self, log_record: dict, record: logging.LogRecord, message_dict: dict) -> None:
        super().add_fields(log_record, record, message_dict)
        for name in CONTEXT_FIELDS:
            value = getattr(record, name, None)
            if value is None:
                log_record.pop(name, None)
            else:
                log_record[name] = value
        log_record.pop("color_message", None)  # uvicorn/celery colour duplicates


class RequestLogMiddleware:
    """Give each request an id (or keep a trusted proxy's X-Request-ID) and log one line when it ends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from core.proxy import came_through_trusted_proxy

        started = time.perf_counter()
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = given if given and REQUEST_ID.match(given) and came_through_trusted_proxy(request) else (
            uuid.uuid4().hex)
        request.request_id = request_id
        tokens = set_context(request_id=request_id, user_id=None, school_id=None)
        try:
            response = self.get_response(request)
            self._note_user(request)
            match = getattr(request, "resolver_match", None)
            request_logger.info("request", extra={
                "method": request.method, "route": match.route if match else None, "path": request.path,
                "status": response.status_code, "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            })
            response["X-Request-ID"] = request_id
            return response
        finally:
            reset_context(tokens)

    def process_view(self, request, view_func, view_args, view_kwargs):
        self._note_user(request)  # every middleware has run: later lines of this request carry the user

    @staticmethod
    def _note_user(request) -> None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            set_context(user_id=user.pk, school_id=getattr(user, "school_id", None))


def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    """A source was locked out of signing in (django-axes): one warning line, for the administrators."""
    from django.contrib.auth import get_user_model

    user_id = get_user_model().objects.filter(username=username).values_list("pk", flat=True).first()
    logger.warning("sign-in locked out", extra={"user_id": user_id, "client_ip": ip_address})


def _task_started(task_id=None, task=None, **kwargs) -> None:
    # The worker runs one task at a time per process/thread: the ids are replaced by the next task's.
    set_context(task_id=task_id, task=getattr(task, "name", None), request_id=None, user_id=None, school_id=None)


def _task_finished(**kwargs) -> None:
    set_context(task_id=None, task=None)


def connect() -> None:
    from axes.signals import user_locked_out
    from celery.signals import task_postrun, task_prerun

    logging.captureWarnings(True)  # a library's warning becomes a log line (JSON in production), not raw stderr
    user_locked_out.connect(log_lockout, dispatch_uid="nurture-log-lockout")
    task_prerun.connect(_task_started, dispatch_uid="nurture-log-task-started", weak=False)
    task_postrun.connect(_task_finished, dispatch_uid="nurture-log-task-finished", weak=False)
