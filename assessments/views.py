"""Pages of the assessments app: entry screens, the whole-child page, the group view, Boxall settings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView

from core.forms import show_refusal
from core.mixins import PermissionRequiredMixin
from core.terms import Term
from pupils.mixins import PupilRecordMixin
from pupils.selectors import group_for_user_or_404, group_members

from . import boxall, charts, permissions, services
from .forms import (
    IMPACT_LABELS,
    AttainmentForm,
    AttendanceForm,
    AttendanceImportForm,
    BoxallForm,
    BoxallSettingsForm,
    IncidentForm,
    SdqForm,
)
from .models import IncidentKind, Purpose
from .scoring import BAND_LABELS, PROSOCIAL_BAND_LABELS, SDQ_BANDS, SDQ_IMPACT_ITEMS, SDQ_ITEM_LABELS
from .selectors import (
    boxall_for_pupil_or_404,
    boxall_settings_for_school,
    cluster_rows,
    group_overview,
    has_been_assessed,
    sdq_for_pupil_or_404,
    whole_child,
)

SDQ_ANSWER_MEANINGS = {0: "not true", 1: "somewhat true", 2: "certainly true"}
SDQ_CHART_SCALES = [
    ("total", "Total difficulties", 40), ("emotional", "Emotional symptoms", 10), ("conduct", "Conduct problems", 10),
    ("hyperactivity", "Hyperactivity / inattention", 10), ("peer", "Peer problems", 10),
    ("prosocial", "Prosocial behaviour", 10),
]


def _whole_child_url(pupil, anchor: str = "") -> str:
    return reverse("assessments:whole-child", args=[pupil.pk]) + (f"#{anchor}" if anchor else "")



class _EntryView(PupilRecordMixin, FormView):
    """An entry screen for one pupil: one service call, a message, back to the whole-child page."""

    permission_required = permissions.ENTER_ASSESSMENT
    anchor = ""

    def save(self, form):
        raise NotImplementedError

    def success_message(self, record) -> str:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            record = self.save(form)
        except ValidationError as error:
            show_refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message(record))
        return redirect(_whole_child_url(self.pupil, self.anchor))


class _AssessmentEntryView(_EntryView):
    instrument = ""  # "sdq" or "boxall": a pupil with none of them yet is due a baseline

    def get_initial(self):
        purpose = self.request.GET.get("purpose")  # every "due" link names it (schedule.entry_url)
        if purpose not in Purpose.values:
            purpose = Purpose.TERMLY if has_been_assessed(self.pupil, self.instrument) else Purpose.BASELINE
        return {
            "completed_on": timezone.localdate(),
            "purpose": purpose,
            "completed_by_name": self.request.user.get_full_name(),
        }

    def header(self, form) -> dict:
        data = form.cleaned_data
        return {name: data[name] for name in ("purpose", "completed_on", "completed_by_name", "completed_by_role")}


class SdqCreateView(_AssessmentEntryView):
    """The SDQ on one keyboard-friendly screen."""

    permission_required = permissions.ENTER_SDQ
    template_name = "assessments/sdq_form.html"
    form_class = SdqForm
    instrument = "sdq"
    anchor = "sdq"

    def get_form_kwargs(self):
        allowed = self.request.user.has_perm(permissions.ENTER_PARENT_SDQ, self.pupil)
        return {**super().get_form_kwargs(), "parent_allowed": allowed}

    def save(self, form):
        data = form.cleaned_data
        return services.sdq_record(
            pupil=self.pupil, user=self.request.user, informant=data["informant"], answers=form.answers,
            has_difficulties=data["has_difficulties"], impact_answers=form.impact_answers, **self.header(form),
        )

    def success_message(self, sdq) -> str:
        total = "not scored (too few answers)" if sdq.total is None else f"{sdq.total} ({sdq.total_band})"
        return f"SDQ saved. Total difficulties: {total}."


class BoxallCreateView(_AssessmentEntryView):
    """The Boxall Profile on one screen, by section."""

    template_name = "assessments/boxall_form.html"
    form_class = BoxallForm
    instrument = "boxall"
    anchor = "boxall"

    def save(self, form):
        return services.boxall_record(pupil=self.pupil, user=self.request.user, item_scores=form.item_scores,
                                      **self.header(form))

    def success_message(self, profile) -> str:
        return f"Boxall Profile of {profile.completed_on:%-d %b %Y} saved."


class AttainmentCreateView(_EntryView):
    template_name = "assessments/record_form.html"
    form_class = AttainmentForm
    anchor = "attainment"
    extra_context = {"title": "Record attainment"}

    def save(self, form):
        return services.attainment_record(pupil=self.pupil, user=self.request.user, term=form.cleaned_data["term"],
                                          values=form.values)

    def success_message(self, record) -> str:
        return f"Attainment for {record.term_value} saved."


class AttendanceCreateView(_EntryView):
    template_name = "assessments/record_form.html"
    form_class = AttendanceForm
    anchor = "attendance"
    extra_context = {"title": "Record attendance"}

    def save(self, form):
        return services.attendance_record(pupil=self.pupil, user=self.request.user, term=form.cleaned_data["term"],
                                          percent=form.cleaned_data["percent"])

    def success_message(self, record) -> str:
        return f"Attendance for {record.term_value} saved: {record.percent}%."


class IncidentCreateView(_EntryView):
    template_name = "assessments/record_form.html"
    form_class = IncidentForm
    anchor = "incidents"
    extra_context = {"title": "Record an incident"}

    def get_initial(self):
        return {"occurred_on": timezone.localdate()}

    def save(self, form):
        data = form.cleaned_data
        return services.incident_record(pupil=self.pupil, user=self.request.user, kind=data["kind"],
                                        occurred_on=data["occurred_on"], days=data["days"], note=data["note"])

    def success_message(self, incident) -> str:
        return f"{incident.get_kind_display()} on {incident.occurred_on:%-d %b %Y} recorded."


def _sdq_charts(sdqs, informant: str, placements, today) -> list:
    bands = SDQ_BANDS[informant]
    result = []
    for scale, title, maximum in SDQ_CHART_SCALES:
        labels = PROSOCIAL_BAND_LABELS if scale == "prosocial" else BAND_LABELS
        points = [charts.TimePoint(sdq.completed_on, getattr(sdq, scale), getattr(sdq, f"{scale}_band"))
                  for sdq in sdqs]
        result.append(charts.sdq_scale_chart(
            title=title, points=points, maximum=maximum, today=today, placements=placements,
            bands=[(low, high, label) for (low, high), label in zip(bands[scale], labels, strict=True)],
        ))
    return result


class WholeChildView(PupilRecordMixin, TemplateView):
    """Social, emotional and academic progress side by side, term by term, with the placement marked."""

    audit_page = "whole child"
    permission_required = permissions.VIEW_ASSESSMENTS
    template_name = "assessments/whole_child.html"

    def get_context_data(self, **kwargs):
        user, pupil = self.request.user, self.pupil
        today = timezone.localdate()
        data = whole_child(pupil)
        spans = [(p.start_date, p.end_date) for p in data.placements]
        sdq_sets = [
            {"informant": label, "key": key, "sdqs": sdqs, "charts": _sdq_charts(sdqs, key, spans, today)}
            for key, label, sdqs in (("teacher", "Teacher", data.teacher_sdqs), ("parent", "Parent", data.parent_sdqs))
            if sdqs
        ]
        baseline, latest = data.boxall_baseline, data.boxall_latest
        boxall_svg = None
        if baseline:
            boxall_svg = charts.boxall_chart(
                [charts.BoxallColumn(r.cluster.code, r.cluster.name, r.cluster.section, r.low, r.high, r.maximum,
                                     r.baseline, r.latest) for r in data.cluster_rows],
                baseline_label=f"{baseline.completed_on:%-d %b %Y}",
                latest_label=f"{latest.completed_on:%-d %b %Y}" if latest else "none yet",
            )
        term_rows = data.terms
        attendance_svg = charts.term_bar_chart(
            title="Attendance by term", unit="%", maximum=100, floor=50,
            bars=[charts.TermBar(row.term.short_label, float(row.attendance.percent) if row.attendance else None,
                                 row.in_placement) for row in term_rows],
        )
        incidents_svg = charts.term_bar_chart(
            title="Incidents by term", maximum=max([row.incident_total for row in term_rows] + [4]),
            bars=[charts.TermBar(row.term.short_label, row.incident_total, row.in_placement) for row in term_rows],
        )
        incident_kinds = list(IncidentKind)
        term_table = [
            {"row": row, "counts": [row.incident_counts.get(kind, 0) for kind in incident_kinds]} for row in term_rows
        ]
        return super().get_context_data(
            data=data, sdq_sets=sdq_sets, boxall_svg=boxall_svg, attendance_svg=attendance_svg,
            incidents_svg=incidents_svg, term_table=term_table, incident_kinds=incident_kinds,
            settings_is_default=data.settings.is_default, default_notice=boxall.DEFAULT_NOTICE,
            can_enter=user.has_perm(permissions.ENTER_ASSESSMENT, pupil),
            can_enter_sdq=user.has_perm(permissions.ENTER_SDQ, pupil),
            can_view_settings=user.has_perm(permissions.VIEW_BOXALL_SETTINGS),
            **kwargs,
        )


class SdqDetailView(PupilRecordMixin, TemplateView):
    """One SDQ as it was entered: who, when, every item's answer, the scores and bands."""

    audit_page = "SDQ"
    permission_required = permissions.VIEW_ASSESSMENTS
    template_name = "assessments/sdq_detail.html"

    def get_context_data(self, **kwargs):
        sdq = sdq_for_pupil_or_404(self.pupil, self.kwargs["pk"])
        responses = sdq.responses
        items = [
            {"number": item, "label": SDQ_ITEM_LABELS[item], "answer": responses.get(item),
             "meaning": SDQ_ANSWER_MEANINGS.get(responses.get(item), "not answered")}
            for item in range(1, 26)
        ]
        scales = [(title, getattr(sdq, scale), getattr(sdq, f"{scale}_band")) for scale, title, _ in SDQ_CHART_SCALES]
        impact = [(IMPACT_LABELS[name], sdq.impact_answers.get(name)) for name in SDQ_IMPACT_ITEMS[sdq.informant]]
        return super().get_context_data(sdq=sdq, items=items, scales=scales, impact=impact, **kwargs)


class BoxallDetailView(PupilRecordMixin, TemplateView):
    """One Boxall Profile as it was entered: every item's score and the cluster totals."""

    audit_page = "Boxall Profile"
    permission_required = permissions.VIEW_ASSESSMENTS
    template_name = "assessments/boxall_detail.html"

    def get_context_data(self, **kwargs):
        profile = boxall_for_pupil_or_404(self.pupil, self.kwargs["pk"])
        scores = profile.scores
        per_section = boxall.ITEMS_PER_SECTION
        sections = [
            (boxall.SECTION_NAMES[boxall.SECTION_I], [(n, scores.get(n)) for n in range(1, per_section + 1)]),
            (boxall.SECTION_NAMES[boxall.SECTION_II],
             [(n, scores.get(per_section + n)) for n in range(1, per_section + 1)]),
        ]
        settings = boxall_settings_for_school(self.pupil.school_id)
        rows = cluster_rows(settings, None, profile)
        return super().get_context_data(profile=profile, sections=sections, rows=rows,
                                        settings_is_default=settings.is_default,
                                        default_notice=boxall.DEFAULT_NOTICE, **kwargs)


class GroupAssessmentsView(PermissionRequiredMixin, TemplateView):
    """The balance of the group at a glance: latest SDQ, Boxall clusters outside range, attendance."""

    permission_required = permissions.VIEW_GROUP_ASSESSMENTS
    template_name = "assessments/group_assessments.html"

    def get_permission_object(self):
        self.group = group_for_user_or_404(self.request.user, self.kwargs["pk"])
        return self.group

    def get_context_data(self, **kwargs):
        members = list(group_members(self.group))
        rows = group_overview(self.group, members)
        bands: dict[str, int] = {}
        for row in rows:
            if row.latest_sdq and row.latest_sdq.total_band:
                bands[row.latest_sdq.total_band] = bands.get(row.latest_sdq.total_band, 0) + 1
        return super().get_context_data(
            group=self.group, rows=rows, band_counts=[(label, bands.get(label, 0)) for label in BAND_LABELS],
            **kwargs,
        )


class BoxallSettingsView(PermissionRequiredMixin, FormView):
    """The school's Boxall cluster map and ranges: seen by the case team, changed by the SENCO."""

    permission_required = permissions.VIEW_BOXALL_SETTINGS
    template_name = "assessments/boxall_settings.html"
    form_class = BoxallSettingsForm

    def dispatch(self, request, *args, **kwargs):
        if request.method == "POST" and request.user.is_authenticated:
            if not request.user.has_perm(permissions.CHANGE_BOXALL_SETTINGS):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def boxall_settings(self):
        return boxall_settings_for_school(self.request.user.school_id)

    def get_form_kwargs(self):
        can_change = self.request.user.has_perm(permissions.CHANGE_BOXALL_SETTINGS)
        cluster_map = self.boxall_settings.cluster_map
        return {**super().get_form_kwargs(), "cluster_map": cluster_map, "disabled": not can_change}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            boxall_settings=self.boxall_settings, default_notice=boxall.DEFAULT_NOTICE,
            can_change=self.request.user.has_perm(permissions.CHANGE_BOXALL_SETTINGS),
            sections=boxall.SECTION_NAMES, **kwargs,
        )

    def form_valid(self, form):
        try:
            services.boxall_settings_update(school=self.request.user.school, user=self.request.user,
                                            cluster_map=form.cluster_map)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, "Boxall settings saved; every Boxall Profile was rescored with them.")
        return redirect("assessments:boxall-settings")


class AttendanceImportView(PermissionRequiredMixin, FormView):
    """Import a term's attendance for many pupils from the MIS's CSV: all rows or none."""

    permission_required = permissions.IMPORT_ATTENDANCE
    template_name = "assessments/attendance_import.html"
    form_class = AttendanceImportForm

    def form_valid(self, form):
        term = form.cleaned_data["term"]
        result = services.attendance_import(school=self.request.user.school, user=self.request.user, term=term,
                                            csv_text=form.cleaned_data["file"])
        if result.errors:
            return self.render_to_response(self.get_context_data(form=form, import_errors=result.errors))
        messages.success(self.request, f"Attendance for {Term.parse(term)} saved for {len(result.rows)} pupils.")
        return redirect("assessments:attendance-import")

