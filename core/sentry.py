"""Error reporting to Sentry, with personal data scrubbed before it leaves the server.

What is sent: the exception's type, its stack (file, line, function; no local variables), the route,
the request's method and URL without its query string, the user's id, the school's id, the release.
What is never sent: request bodies, cookies, headers, query strings, local variables, log messages'
arguments, names or email addresses.
"""

from __future__ import annotations

import logging

KEPT_REQUEST_KEYS = {"method", "url"}
KEPT_USER_KEYS = {"id"}


def _without_query(url: str) -> str:
    return url.split("?", 1)[0]


def scrub(event: dict, hint: dict | None = None) -> dict:
    """Return the event with everything personal removed (Sentry's before_send / before_send_transaction)."""
    request = event.get("request")
    if isinstance(request, dict):
        event["request"] = {key: value for key, value in request.items() if key in KEPT_REQUEST_KEYS}
        if "url" in event["request"]:
            event["request"]["url"] = _without_query(str(event["request"]["url"]))
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {key: value for key, value in user.items() if key in KEPT_USER_KEYS}
    for exception in (event.get("exception") or {}).get("values") or []:
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    for thread in (event.get("threads") or {}).get("values") or []:
        for frame in (thread.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    logentry = event.get("logentry")
    if isinstance(logentry, dict):
        logentry.pop("params", None)
        logentry["formatted"] = logentry.get("message")  # the template, never the arguments filled in
    event.pop("extra", None)  # log records' extra fields and celery's task arguments
    contexts = event.get("contexts") or {}
    contexts.pop("celery", None)
    breadcrumbs = event.get("breadcrumbs")
    values = breadcrumbs.get("values") if isinstance(breadcrumbs, dict) else breadcrumbs
    for crumb in values or []:
        crumb.pop("data", None)
    return event


def scrub_breadcrumb(crumb: dict, hint: dict | None = None) -> dict | None:
    """Keep a breadcrumb's category and message, never its data (SQL parameters, URLs with queries)."""
    crumb.pop("data", None)
    if crumb.get("category") == "query":
        return None  # SQL text can hold parameters inlined by a driver
    return crumb


def init_sentry(dsn: str, *, environment: str, **extra) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import LoggingIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        before_send=scrub,
        before_send_transaction=scrub,
        before_breadcrumb=scrub_breadcrumb,
        traces_sample_rate=0.0,
        integrations=[DjangoIntegration(), CeleryIntegration(),
                      LoggingIntegration(level=logging.INFO, event_level=logging.ERROR)],
        **extra,
    )
