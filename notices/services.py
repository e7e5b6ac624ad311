"""Writes for the notices: a notice in the app and its email line, at once or in the day's digest; choices."""

from __future__ import annotations

import logging
from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.mail import mail_send
from core.models import User
from pupils.models import Notification

from .handlers import Notice
from .models import EmailChoice, NoticeMail, NoticePreference

logger = logging.getLogger("nurture.notices")


def _link(url: str) -> str:
    return f"{settings.SITE_URL}{url}"


def _footer() -> str:
    return (f"\n\nYou can choose how Nurture emails you (each notice, one email a day, or none): "
            f"{_link(reverse('notices:preferences'))}\n")


def email_choices(user_ids) -> dict[int, str]:
    """Return each user's email choice (the daily digest when they made none)."""
    chosen = dict(NoticePreference.objects.filter(user_id__in=user_ids).values_list("user_id", "email"))
    return {user_id: chosen.get(user_id, EmailChoice.DAILY) for user_id in user_ids}


@transaction.atomic
def notices_send(*, school_id: int, notices: list[Notice], actor: User | None = None) -> list[Notification]:
    """Write each notice in the app, once per person (not to the person who acted), and its email line.

    A person who chose each notice by email gets it after the commit; the others' lines wait for the
    day's digest (or, for those who chose none, are not kept).
    """
    seen, kept = set(), []
    for notice in notices:
        if notice.recipient.pk in seen or (actor is not None and notice.recipient.pk == actor.pk):
            continue
        seen.add(notice.recipient.pk)
        kept.append(notice)
    if not kept:
        return []
    choices = email_choices([notice.recipient.pk for notice in kept])
    created = []
    for notice in kept:
        notification = Notification.objects.create(school_id=school_id, recipient=notice.recipient,
                                                   pupil_id=notice.pupil_id, text=notice.text, url=notice.url)
        created.append(notification)
        choice = choices[notice.recipient.pk]
        if choice == EmailChoice.NONE or not notice.recipient.email:
            continue
        mail = NoticeMail.objects.create(school_id=school_id, notification=notification, recipient=notice.recipient,
                                         subject=notice.subject, line=notice.line)
        if choice == EmailChoice.EACH:
            transaction.on_commit(lambda mail=mail, notice=notice: _send_now(mail, notice))
    return created


def _send_now(mail: NoticeMail, notice: Notice) -> None:
    body = f"{notice.line}\n\nSign in to Nurture to see the details: {_link(notice.url)}{_footer()}"
    if mail_send(subject=mail.subject, body=body, to=[notice.recipient.email], purpose="notice",
                 record_id=mail.notification_id):
        NoticeMail.objects.filter(pk=mail.pk).update(sent_at=timezone.now())


def digests_send(*, now=None) -> int:
    """Send each person with notice lines waiting one email listing them; return how many emails went.

    A line that could not be sent at once (the mail server was down) goes in the next digest.
    """
    now = now or timezone.now()
    waiting = defaultdict(list)
    for mail in (NoticeMail.objects.filter(sent_at__isnull=True).select_related("recipient", "notification")
                 .order_by("recipient_id", "notification__created_at", "pk")):
        waiting[mail.recipient_id].append(mail)
    choices = email_choices(list(waiting))
    sent = 0
    for user_id, mails in waiting.items():
        if choices[user_id] == EmailChoice.NONE:
            NoticeMail.objects.filter(pk__in=[mail.pk for mail in mails]).delete()
            continue
        recipient = mails[0].recipient
        if not recipient.is_active or not recipient.email:
            continue
        lines = "\n\n".join(f"- {mail.line}\n  {_link(mail.notification.url)}" if mail.notification.url
                            else f"- {mail.line}" for mail in mails)
        count = len(mails)
        subject = f"Nurture: {count} new notice{'s' if count != 1 else ''} for you"
        body = f"What happened in Nurture since your last email:\n\n{lines}{_footer()}"
        if mail_send(subject=subject, body=body, to=[recipient.email], purpose="notice digest", record_id=user_id):
            NoticeMail.objects.filter(pk__in=[mail.pk for mail in mails]).update(sent_at=now)
            sent += 1
    return sent


def assessments_due_notices_send(*, today=None) -> int:
    """Tell each school's SENCOs how many assessments fall due today; return how many schools had some."""
    from assessments.schedule import due_assessments
    from core.models import School
    from pupils.models import Placement

    from .handlers import assessments_due

    today = today or timezone.localdate()
    told = 0
    for school in School.objects.order_by("pk"):
        count = sum(1 for item in due_assessments(Placement.objects.filter(school=school), today)
                    if item.due_on == today)
        if count:
            notices_send(school_id=school.pk, notices=assessments_due((school.pk, count)))
            told += 1
    return told


@transaction.atomic
def notice_preference_set(*, user: User, email: str) -> NoticePreference:
    """Record how the user wants notice emails."""
    preference, _ = NoticePreference.objects.get_or_create(user=user, defaults={"email": email})
    preference.email = email
    preference.full_clean()
    preference.save()
    return preference
