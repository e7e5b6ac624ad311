"""Reads for the reports app, always scoped to the user's school."""

from __future__ import annotations

from django.db.models import QuerySet, Sum
from django.shortcuts import get_object_or_404

from core.terms import Term
from pupils.models import NurtureGroup, User

from .models import GovernorReport, TermCost


def reports_for_user(user: User) -> QuerySet[GovernorReport]:
    """Return the school's report builds, newest first."""
    return GovernorReport.objects.for_user(user).select_related("requested_by", "school")


def report_for_user_or_404(user: User, pk: int) -> GovernorReport:
    """Return one of the school's report builds, or raise 404."""
    return get_object_or_404(reports_for_user(user), pk=pk)


def cost_overview(user: User, terms: list[Term]) -> list[dict]:
    """Return each group's recorded total for each of the terms (one query for all)."""
    groups = list(NurtureGroup.objects.for_user(user).order_by("name"))
    totals = {
        (row["group_id"], row["term"]): row["total"]
        for row in TermCost.objects.filter(school_id=user.school_id, term__in=[term.code for term in terms])
        .values("group_id", "term").annotate(total=Sum("cost_lines__amount"))
    }
    return [
        {"group": group, "terms": [{"term": term, "total": totals.get((group.pk, term.code))} for term in terms]}
        for group in groups
    ]
