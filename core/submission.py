"""Submit once: every create form carries a one-time token, so a double submit answers "already saved".

A form whose record has a natural unique rule (one observation session per group, day and setting; one
open referral per pupil) relies on that rule; every other create form uses `SubmitOnceMixin`. The token is
made when the form is shown (a GET writes nothing) and claimed by the first submit, in the same transaction
as the save: a second submit of the same token, even at the same moment, waits for the first and is then
sent to the record it saved.
"""

from __future__ import annotations

import datetime
import uuid

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html

from .models import SubmissionToken

TOKEN_FIELD = "submission_token"
# A form left open longer than this (or its Back page) is treated as new.
KEEP_FOR = datetime.timedelta(days=14)
ALREADY_SAVED = "This was already saved (the form was sent twice): here is the saved record. Nothing was saved twice."


def posted_token(request) -> uuid.UUID | None:
    """Return the submission token the request's form carried, if it carried a well-formed one."""
    try:
        return uuid.UUID(request.POST.get(TOKEN_FIELD, ""))
    except ValueError:
        return None


def token_field(token: uuid.UUID) -> str:
    return format_html('<input type="hidden" name="{}" value="{}">', TOKEN_FIELD, token)


class SubmitOnceMixin:
    """For a view whose successful POST creates a record and redirects to it.

    Templates put `{{ submission_token_field }}` beside `{% csrf_token %}`. A re-shown form (an error)
    keeps its token. A POST without a token (a page from before tokens) is handled as before.
    """

    already_saved_message = ALREADY_SAVED

    def get_context_data(self, **kwargs):
        token = posted_token(self.request) if self.request.method == "POST" else None
        return super().get_context_data(submission_token_field=token_field(token or uuid.uuid4()), **kwargs)

    def dispatch(self, request, *args, **kwargs):
        # Around dispatch, not post: a view's own `post` stays covered, and the permission check runs inside.
        token = posted_token(request) if request.method == "POST" and request.user.is_authenticated else None
        if token is None:
            return super().dispatch(request, *args, **kwargs)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    claim = SubmissionToken.objects.create(token=token, user=request.user)
            except IntegrityError:  # sent before: wait for (and follow) the first submit's answer
                claim = SubmissionToken.objects.select_for_update().get(token=token)
                if claim.user_id != request.user.pk or not claim.result_url:
                    return HttpResponseBadRequest("This form was already sent. Open it again to start afresh.")
                messages.info(request, self.already_saved_message)
                return redirect(claim.result_url)
            response = super().dispatch(request, *args, **kwargs)
            if response.status_code in (301, 302, 303) and response.get("Location"):
                claim.result_url = response["Location"][:500]
                claim.save(update_fields=["result_url"])
                SubmissionToken.objects.filter(user=request.user,
                                               created_at__lt=timezone.now() - KEEP_FOR).delete()
            else:
                claim.delete()  # not saved (the form is shown again with its errors): the token stays usable
            return response
