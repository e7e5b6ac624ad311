"""How each person wants to hear of their notices by email, and the emails waiting for a digest."""

from __future__ import annotations

from django.db import models

from core.models import SchoolOwned, User
from pupils.models import Notification


class EmailChoice(models.TextChoices):
    DAILY = "daily", "One email a day listing the day's notices"
    EACH = "each", "An email for each notice, as it happens"
    NONE = "none", "No email: notices in Nurture only"


class NoticePreference(models.Model):
    """One person's choice of notice emails (no row: the daily digest)."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="notice_preference")
    email = models.CharField("notice emails", max_length=8, choices=EmailChoice.choices, default=EmailChoice.DAILY)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Notice emails for {self.user}: {self.get_email_display()}"


class NoticeMail(SchoolOwned):
    """The email line of one notice: what happened, without a child's name, and the page it links to.

    Sent at once (a person who chose each notice) or gathered into the day's digest; `sent_at` is set
    when it has gone, so a digest never repeats a line.
    """

    notification = models.OneToOneField(Notification, on_delete=models.CASCADE, related_name="mail")
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=150)
    line = models.TextField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["recipient", "sent_at"])]

    def __str__(self) -> str:
        return self.subject
