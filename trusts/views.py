"""The trust leader's pages: each school's figures for a term, and the trust report built in the background."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView

from core.audit import audit_download
from core.exports import ExportMixin, Table
from core.mixins import PermissionRequiredMixin
from core.terms import Term, term_choices
from reports.forms import ReportRequestForm
from reports.models import ReportStatus

from . import permissions
from .selectors import trust_for_user, trust_overview, trust_report_for_user_or_404, trust_reports_for_user
from .services import trust_report_request


def _term(request) -> Term:
    try:
        return Term.parse(request.GET.get("term", ""))
    except ValueError:
        return Term.for_date(timezone.localdate())


class TrustDashboardView(ExportMixin, PermissionRequiredMixin, TemplateView):
    """Every school of the trust side by side for a term: counts only, small numbers hidden."""

    permission_required = permissions.VIEW_TRUST_DASHBOARD
    template_name = "trusts/dashboard.html"
    audit_page = "trust dashboard"

    def get_context_data(self, **kwargs):
        term = _term(self.request)
        trust = trust_for_user(self.request.user)
        return super().get_context_data(
            overview=trust_overview(trust, term), term=term,
            terms=[{"code": code, "label": label, "selected": code == term.code}
                   for code, label in term_choices(timezone.localdate(), back=8)],
            **kwargs)

    def export_table(self, context) -> Table:
        overview = context["overview"]
        rows = [[row.school.name, *row.cells, row.cost_per_pupil_shown, row.report_status] for row in overview.rows]
        rows.append(["The trust", *overview.totals_shown, overview.cost_per_pupil_shown,
                     f"Total cost {overview.cost_total_shown}"])
        return Table(overview.trust.name, ["School", *overview.headers, "Cost per pupil", "Governors' report"], rows,
                     filters={"Term": overview.term.label})


class TrustReportListView(PermissionRequiredMixin, TemplateView):
    """The trust report's builds, and a form to build one for a term."""

    permission_required = permissions.VIEW_TRUST_DASHBOARD
    template_name = "trusts/report_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(reports=trust_reports_for_user(self.request.user)[:40],
                                        form=kwargs.pop("form", None) or ReportRequestForm(), **kwargs)

    def post(self, request, *args, **kwargs):
        form = ReportRequestForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        report, queued = trust_report_request(trust=trust_for_user(request.user), term=form.cleaned_data["term"],
                                              user=request.user)
        if not queued:
            messages.info(request, "That report is already being built: here is its progress.")
        return redirect(report.get_absolute_url())


class TrustReportMixin(PermissionRequiredMixin):
    permission_required = permissions.VIEW_TRUST_REPORT

    @cached_property
    def report(self):
        return trust_report_for_user_or_404(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        if not self.request.user.has_perm(permissions.VIEW_TRUST_DASHBOARD):
            raise PermissionDenied  # a school's staff are refused before any trust's report is looked up
        return self.report


class TrustReportDetailView(TrustReportMixin, TemplateView):
    template_name = "trusts/report_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(report=self.report, **kwargs)


class TrustReportStatusView(TrustReportMixin, View):
    """The build's progress as JSON, in the shape the reports' progress script reads."""

    def get(self, request, *args, **kwargs):
        report = self.report
        return JsonResponse({
            "status": report.status, "status_label": report.get_status_display(), "progress": report.progress,
            "stage": report.stage, "error": report.error,
            "download_url": reverse("trusts:report-download", args=[report.pk])
            if report.status == ReportStatus.READY else None,
        })


class TrustReportDownloadView(TrustReportMixin, View):
    def get(self, request, *args, **kwargs):
        report = self.report
        if report.status != ReportStatus.READY or not report.file:
            raise Http404("This report has no file yet.")
        audit_download(user=request.user, record=report, term=report.term)
        return FileResponse(report.file.open("rb"), as_attachment=True, filename=report.file_name,
                            content_type="application/pdf")
