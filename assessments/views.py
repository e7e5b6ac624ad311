"""Pages of the assessments app: entry screens, the whole-child page, the group view, Boxall settings."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView

from core.dates import format_date
from core.exports import ExportMixin, Table
from core.forms import show_refusal
from core.mixins import PermissionRequiredMixin
from core.submission import SubmitOnceMixin
from core.terms import Term
from pupils.mixins import PupilRecordMixin
from pupils.selectors import group_for_user_or_404, group_members

from . import boxall, charts, licences, permissions, services
from .forms import (
    IMPACT_LABELS,
    AttainmentForm,
    AttendanceForm,
    AttendanceImportForm,
    BoxallForm,
    BoxallScoresForm,
    BoxallSettingsForm,
    IncidentForm,
    LicenceForm,
    SdqForm,
    SdqScoresForm,
)
from .models import IncidentKind, Instrument, Purpose
from .scoring import BAND_LABELS, PROSOCIAL_BAND_LABELS, SDQ_BANDS, SDQ_IMPACT_ITEMS, SDQ_ITEM_LABELS
from .selectors import (
    boxall_for_pupil_or_404,
    boxall_settings_for_school,
    cluster_rows,
    group_overview,
    has_been_assessed,
    licence_for_school,
    licences_for_school,
    sdq_for_pupil_or_404,
    whole_child,
)

SDQ_ANSWER_MEANINGS = {0: "not true", 1: "somewhat true", 2: "certainly true"}
SDQ_CHART_SCALES = [
    ("total", "Total difficulties", 40), ("emotional", "Emotional symptoms", 10), ("conduct", "Conduct problems", 10),
    ("hyperactivity", "Hyperactivity / inattention", 10), ("peer", "Peer problems", 10),
    ("prosocial", "Prosocial behaviour", 10),
]


SDQ_COMPARED_SCALES = [
    ("total", "Total difficulties"), ("emotional", "Emotional symptoms"), ("conduct", "Conduct problems"),
    ("hyperactivity", "Hyperactivity / inattention"), ("peer", "Peer problems"), ("prosocial", "Prosocial behaviour"),
    ("impact", "Impact"),
]


def _score_and_band(sdq, scale: str) -> str:
    """Return 'score (band)' for one scale of an SDQ, '–' when there is no form or no score."""
    if sdq is None or getattr(sdq, scale) is None:
        return "–"
    band = getattr(sdq, f"{scale}_band")
    return f"{getattr(sdq, scale)} ({band})" if band else str(getattr(sdq, scale))


def _whole_child_url(pupil, anchor: str = "") -> str:
    return reverse("assessments:whole-child", args=[pupil.pk]) + (f"#{anchor}" if anchor else "")



class _EntryView(SubmitOnceMixin, PupilRecordMixin, FormView):
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
        if getattr(record, "already_saved", False):
            messages.info(self.request, "Already saved: this form was submitted before, so nothing new was added.")
        else:
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
        names = ("purpose", "completed_on", "completed_by_name", "completed_by_role", "form_token")
        return {name: data[name] for name in names}

    @cached_property
    def licence(self):
        return licence_for_school(self.pupil.school_id, self.instrument)

    def get_context_data(self, **kwargs):
        purpose = self.request.GET.get("purpose", "")
        return super().get_context_data(
            licence=self.licence, purpose_query=f"?purpose={purpose}" if purpose in Purpose.values else "",
            why_scores_only=licences.why_scores_only(self.instrument, self.licence.kind),
            can_record_licence=self.request.user.has_perm(permissions.CHANGE_LICENCES), **kwargs,
        )


class _ItemEntryView(_AssessmentEntryView):
    """Item entry (the keyboard grid): offered only once the school records an authorisation for it."""

    scores_url_name = ""

    def _to_score_entry(self):
        messages.info(self.request, services.NO_ITEM_ENTRY[self.instrument])
        query = self.request.GET.urlencode()
        return redirect(reverse(self.scores_url_name, args=[self.pupil.pk]) + (f"?{query}" if query else ""))

    def get(self, request, *args, **kwargs):
        if not self.licence.allows_item_entry:
            return self._to_score_entry()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.licence.allows_item_entry:
            return self._to_score_entry()
        return super().post(request, *args, **kwargs)


class SdqCreateView(_ItemEntryView):
    """The SDQ on one keyboard-friendly screen, item by item (schools with an authorisation for it)."""

    permission_required = permissions.ENTER_SDQ
    template_name = "assessments/sdq_form.html"
    form_class = SdqForm
    anchor = "sdq"
    instrument = Instrument.SDQ
    scores_url_name = "assessments:sdq-scores-new"

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


class BoxallCreateView(_ItemEntryView):
    """The Boxall Profile on one screen, by section, item by item (schools with an authorisation for it)."""

    template_name = "assessments/boxall_form.html"
    form_class = BoxallForm
    anchor = "boxall"
    instrument = Instrument.BOXALL
    scores_url_name = "assessments:boxall-scores-new"

    def save(self, form):
        return services.boxall_record(pupil=self.pupil, user=self.request.user, item_scores=form.item_scores,
                                      **self.header(form))

    def success_message(self, profile) -> str:
        return f"Boxall Profile of {format_date(profile.completed_on)} saved."


class SdqScoresCreateView(_AssessmentEntryView):
    """An SDQ by its scores, from a scored paper form or SDQScore: open to every school."""

    permission_required = permissions.ENTER_SDQ
    template_name = "assessments/sdq_scores_form.html"
    form_class = SdqScoresForm
    anchor = "sdq"
    instrument = Instrument.SDQ

    def get_form_kwargs(self):
        allowed = self.request.user.has_perm(permissions.ENTER_PARENT_SDQ, self.pupil)
        return {**super().get_form_kwargs(), "parent_allowed": allowed}

    def save(self, form):
        data = form.cleaned_data
        return services.sdq_scores_record(
            pupil=self.pupil, user=self.request.user, informant=data["informant"], source=data["source"],
            scales=form.scales, total=data["total"], impact=data["impact"], **self.header(form),
        )

    def success_message(self, sdq) -> str:
        total = "not scored (a difficulty scale is blank)" if sdq.total is None else f"{sdq.total} ({sdq.total_band})"
        return f"{sdq.get_informant_display()} SDQ scores saved. Total difficulties: {total}."


class BoxallScoresCreateView(_AssessmentEntryView):
    """A Boxall Profile by its cluster scores, from the handbook or Boxall Profile Online: open to every school."""

    template_name = "assessments/boxall_scores_form.html"
    form_class = BoxallScoresForm
    anchor = "boxall"
    instrument = Instrument.BOXALL

    @cached_property
    def boxall_settings(self):
        return boxall_settings_for_school(self.pupil.school_id)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "cluster_map": self.boxall_settings.cluster_map}

    def get_context_data(self, **kwargs):
        return super().get_context_data(settings_is_default=self.boxall_settings.is_default,
                                        default_notice=boxall.DEFAULT_NOTICE, **kwargs)

    def save(self, form):
        return services.boxall_scores_record(pupil=self.pupil, user=self.request.user,
                                             source=form.cleaned_data["source"], cluster_scores=form.cluster_scores,
                                             **self.header(form))

    def success_message(self, profile) -> str:
        return f"Boxall Profile of {format_date(profile.completed_on)} saved from its cluster scores."


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
        return f"{incident.get_kind_display()} on {format_date(incident.occurred_on)} recorded."


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
        informant_terms = [
            {"term": pair.term, "teacher": pair.teacher, "parent": pair.parent,
             "rows": [(title, _score_and_band(pair.teacher, scale), _score_and_band(pair.parent, scale))
                      for scale, title in SDQ_COMPARED_SCALES]}
            for pair in data.informant_terms
        ]
        held = licences_for_school(pupil.school_id)
        entry_urls = {
            "sdq": reverse("assessments:sdq-new" if held[Instrument.SDQ].allows_item_entry
                           else "assessments:sdq-scores-new", args=[pupil.pk]),
            "sdq_scores": reverse("assessments:sdq-scores-new", args=[pupil.pk])
            if held[Instrument.SDQ].allows_item_entry else "",
            "boxall": reverse("assessments:boxall-new" if held[Instrument.BOXALL].allows_item_entry
                              else "assessments:boxall-scores-new", args=[pupil.pk]),
            "boxall_scores": reverse("assessments:boxall-scores-new", args=[pupil.pk])
            if held[Instrument.BOXALL].allows_item_entry else "",
        }
        baseline, latest = data.boxall_baseline, data.boxall_latest
        boxall_svg = None
        if baseline:
            boxall_svg = charts.boxall_chart(
                [charts.BoxallColumn(r.cluster.code, r.cluster.name, r.cluster.section, r.low, r.high, r.maximum,
                                     r.baseline, r.latest) for r in data.cluster_rows],
                baseline_label=f"{format_date(baseline.completed_on)}",
                latest_label=f"{format_date(latest.completed_on)}" if latest else "none yet",
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
            data=data, sdq_sets=sdq_sets, informant_terms=informant_terms, entry_urls=entry_urls,
            boxall_svg=boxall_svg, attendance_svg=attendance_svg,
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
        if sdq.by_score_entry:  # the scores were entered: there are no answers to show
            items, impact = [], []
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
        if profile.by_score_entry:
            sections = []
        return super().get_context_data(profile=profile, sections=sections, rows=rows,
                                        settings_is_default=settings.is_default,
                                        default_notice=boxall.DEFAULT_NOTICE, **kwargs)


class GroupAssessmentsView(ExportMixin, PermissionRequiredMixin, TemplateView):
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

    def export_table(self, context) -> Table:
        rows = context["rows"]
        return Table(
            f"{self.group.name} assessments",
            ["Pupil", "Class", "Latest SDQ (teacher)", "Total difficulties", "Band", "Boxall clusters outside range",
             "Boxall profile", "Attendance %"],
            [[row.placement.pupil.full_name, str(row.placement.pupil.school_class or ""),
              row.latest_sdq.completed_on if row.latest_sdq else None,
              row.latest_sdq.total if row.latest_sdq else None, row.latest_sdq.total_band if row.latest_sdq else "",
              ", ".join(cluster.code for cluster in row.boxall_outside) if row.boxall_date else "no profile yet",
              row.boxall_date, row.attendance.percent if row.attendance else None] for row in rows],
            filters={"Group": self.group.name}, pupil_ids=[row.placement.pupil_id for row in rows])


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



class LicenceListView(PermissionRequiredMixin, TemplateView):
    """The licence the school holds for each instrument, and what it lets staff do."""

    permission_required = permissions.VIEW_LICENCES
    template_name = "assessments/licences.html"

    def get_context_data(self, **kwargs):
        rows = [
            {"licence": licence, "owner": licences.OWNERS[instrument],
             "allows": licences.WHAT_IT_ALLOWS[licence.kind], "instrument": instrument}
            for instrument, licence in licences_for_school(self.request.user.school_id).items()
        ]
        return super().get_context_data(
            rows=rows, can_change=self.request.user.has_perm(permissions.CHANGE_LICENCES), **kwargs,
        )


class LicenceUpdateView(PermissionRequiredMixin, FormView):
    """Record the licence the school holds for one instrument (SENCO or school admin); every change is audited."""

    permission_required = permissions.CHANGE_LICENCES
    template_name = "assessments/licence_form.html"
    form_class = LicenceForm

    @cached_property
    def licence(self):
        if self.kwargs["instrument"] not in Instrument.values:
            raise Http404
        return licence_for_school(self.request.user.school_id, self.kwargs["instrument"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.licence}

    def get_context_data(self, **kwargs):
        instrument = self.licence.instrument
        return super().get_context_data(licence=self.licence, owner=licences.OWNERS[instrument],
                                        why=licences.WHY_SCORES_ONLY[instrument], **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            licence = services.licence_record(
                school=self.request.user.school, user=self.request.user, instrument=self.licence.instrument,
                kind=data["kind"], reference=data["reference"], granted_on=data["granted_on"],
            )
        except ValidationError as error:
            show_refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{licence.get_instrument_display()} licence saved: "
                                       f"{licences.WHAT_IT_ALLOWS[licence.kind]}")
        return redirect("assessments:licences")
