"""Pages for the governors' reports: list and request, progress, download, narrative, costs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView

from core.audit import audit_download
from core.forms import show_refusal
from core.mixins import PermissionRequiredMixin
from core.terms import Term
from pupils.models import NurtureGroup
from pupils.names import names_in_text, names_refusal

from . import permissions
from .forms import AlternativeCostFormSet, CostLineFormSet, FundingLineFormSet, NarrativeForm, ReportRequestForm
from .models import AlternativeCost, ReportStatus, TermCost, TermNarrative
from .selectors import cost_overview, report_for_user_or_404, reports_for_user
from .services import alternatives_save, narrative_save, report_request, report_retry, term_costs_save


def audit_report_download(*, user, report) -> None:
    audit_download(user=user, record=report, term=report.term)


class ReportListView(PermissionRequiredMixin, TemplateView):
    """The school's governor reports, and a form to build one for a term."""

    permission_required = permissions.VIEW_REPORTS
    template_name = "reports/report_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            reports=reports_for_user(user)[:40],
            form=kwargs.pop("form", None) or ReportRequestForm(),
            can_write_narrative=user.has_perm(permissions.WRITE_NARRATIVE),
            can_manage_costs=user.has_perm(permissions.MANAGE_COSTS),
            current_term=Term.for_date(timezone.localdate()),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = ReportRequestForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        report, queued = report_request(school=request.user.school, term=form.cleaned_data["term"], user=request.user)
        if not queued:
            messages.info(request, "That report is already being built: here is its progress.")
        return redirect(report.get_absolute_url())


class ReportRecordMixin(PermissionRequiredMixin):
    permission_required = permissions.VIEW_REPORT

    @cached_property
    def report(self):
        return report_for_user_or_404(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        return self.report


class ReportDetailView(ReportRecordMixin, TemplateView):
    """A build's progress (live, percentage and stage), then its download or what failed."""

    template_name = "reports/report_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.report, **kwargs)


class ReportStatusView(ReportRecordMixin, View):
    """The build's progress as JSON, polled by the progress page."""

    def get(self, request, *args, **kwargs):
        report = self.report
        return JsonResponse({
            "status": report.status, "status_label": report.get_status_display(), "progress": report.progress,
            "stage": report.stage, "error": report.error,
            "download_url": reverse("reports:report-download", args=[report.pk])
            if report.status == ReportStatus.READY else None,
        })


class ReportDownloadView(ReportRecordMixin, View):
    def get(self, request, *args, **kwargs):
        report = self.report
        if report.status != ReportStatus.READY or not report.file:
            raise Http404("This report has no file yet.")
        audit_report_download(user=request.user, report=report)
        return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.file_name,
                            content_type="application/pdf")


class ReportRetryView(ReportRecordMixin, View):
    def post(self, request, *args, **kwargs):
        if self.report.status != ReportStatus.FAILED:
            messages.info(request, "Only a failed build can be tried again.")
        else:
            report_retry(report=self.report, user=request.user)
            messages.success(request, "The report is being built again.")
        return redirect(self.report.get_absolute_url())


def _term_or_404(code: str) -> Term:
    try:
        return Term.parse(code)
    except ValueError:
        raise Http404("No such term.") from None


class NarrativeView(PermissionRequiredMixin, TemplateView):
    """The SENCO writes the term's narrative before the report is built."""

    permission_required = permissions.WRITE_NARRATIVE
    template_name = "reports/narrative_form.html"

    def get_context_data(self, **kwargs):
        kwargs.pop("term", None)
        term = _term_or_404(self.kwargs["term"])
        if "form" not in kwargs:
            text = TermNarrative.objects.filter(school_id=self.request.user.school_id, term=term.code).values_list(
                "text", flat=True).first()
            kwargs["form"] = NarrativeForm(initial={"text": text or ""})
            # A pupil may have joined since the narrative was saved: say so before anyone builds the report.
            found = names_in_text(self.request.user.school_id, text or "")
            kwargs["names_warning"] = names_refusal(found) if found else ""
        return super().get_context_data(term=term, **kwargs)

    def post(self, request, *args, **kwargs):
        term = _term_or_404(kwargs["term"])
        form = NarrativeForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            narrative_save(school=request.user.school, term=term, text=form.cleaned_data["text"], user=request.user)
        except ValidationError as error:
            show_refusal(form, error)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, f"The narrative for {term.label} was saved.")
        return redirect("reports:report-list")


class CostOverviewView(PermissionRequiredMixin, TemplateView):
    permission_required = permissions.MANAGE_COSTS
    template_name = "reports/cost_overview.html"

    def get_context_data(self, **kwargs):
        current = Term.for_date(timezone.localdate())
        first = current
        for _ in range(3):
            first = first.previous()
        terms = list(reversed(Term.range(first, current)))
        return super().get_context_data(rows=cost_overview(self.request.user, terms), terms=terms, **kwargs)


class TermCostView(PermissionRequiredMixin, TemplateView):
    """A group's costs and funding for one term, entered line by line; saved all together."""

    permission_required = permissions.MANAGE_COSTS
    template_name = "reports/term_cost_form.html"

    @cached_property
    def group(self) -> NurtureGroup:
        return get_object_or_404(NurtureGroup, pk=self.kwargs["group_pk"], school_id=self.request.user.school_id)

    def get_permission_object(self):
        return self.group

    def _formsets(self, data=None):
        term = _term_or_404(self.kwargs["term"])
        term_cost = TermCost.objects.filter(group=self.group, term=term.code).first() or TermCost(
            school=self.group.school, group=self.group, term=term.code)
        costs = CostLineFormSet(data, instance=term_cost, prefix="costs")
        funding = FundingLineFormSet(data, instance=term_cost, prefix="funding")
        return term, term_cost, costs, funding

    def get(self, request, *args, **kwargs):
        term, _, costs, funding = self._formsets()
        return self.render_to_response(self.get_context_data(term=term, group=self.group, costs=costs,
                                                             funding=funding))

    def post(self, request, *args, **kwargs):
        term, term_cost, costs, funding = self._formsets(request.POST)
        if costs.is_valid() and funding.is_valid():
            term_costs_save(term_cost=term_cost, formsets=(costs, funding), user=request.user)
            messages.success(request, f"Costs for {self.group.name}, {term.label} were saved.")
            return redirect("reports:cost-overview")
        messages.error(request, "Nothing was saved: please correct the lines marked below.")
        return self.render_to_response(self.get_context_data(term=term, group=self.group, costs=costs,
                                                             funding=funding))


class AlternativeCostView(PermissionRequiredMixin, TemplateView):
    """What the alternatives to the group would cost, for the value-for-money comparison."""

    permission_required = permissions.MANAGE_COSTS
    template_name = "reports/alternatives_form.html"

    def _formset(self, data=None):
        queryset = AlternativeCost.objects.for_user(self.request.user)
        return AlternativeCostFormSet(data, queryset=queryset, prefix="alternatives")

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(formset=self._formset()))

    def post(self, request, *args, **kwargs):
        formset = self._formset(request.POST)
        if not formset.is_valid():
            messages.error(request, "Nothing was saved: please correct the lines marked below.")
            return self.render_to_response(self.get_context_data(formset=formset))
        alternatives_save(school=request.user.school, formset=formset, user=request.user)
        messages.success(request, "The alternatives' costs were saved.")
        return redirect("reports:cost-overview")
