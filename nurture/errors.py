"""Error pages in the product's layout (400, 403, 404, 500 and a refused form): each says what happened
and what the person may do instead, with a link home; never a bare "403 Forbidden"."""

from __future__ import annotations

from django.http import HttpResponse
from django.template import loader


def _render(request, template: str, status: int, **context) -> HttpResponse:
    return HttpResponse(loader.render_to_string(template, context, request=request), status=status)


def bad_request(request, exception=None) -> HttpResponse:
    return _render(request, "errors/400.html", 400)


def permission_denied(request, exception=None) -> HttpResponse:
    """A page the user's role does not open: say so, say who can give access, link home."""
    reason = str(exception) if exception and str(exception) else ""
    return _render(request, "errors/403.html", 403, reason=reason)


def page_not_found(request, exception=None) -> HttpResponse:
    return _render(request, "errors/404.html", 404, request_path=request.path)


def server_error(request) -> HttpResponse:
    # No request context: the failure may be in what a context processor reads (the database, the session).
    return HttpResponse(loader.render_to_string("errors/500.html", {}), status=500)


def csrf_failure(request, reason: str = "") -> HttpResponse:
    """A form sent from a page left open too long, or after signing out and in again (CSRF_FAILURE_VIEW)."""
    return _render(request, "errors/403_csrf.html", 403)
