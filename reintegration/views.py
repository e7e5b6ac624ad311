"""Views of the reintegration app: readiness, the transition plan, graduation, follow-ups and the cohort."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView, View

from core.dates import format_date
from core.exports import ExportMixin, Table
from core.forms import show_refusal
from core.mixins import PermissionRequiredMixin
from core.submission import SubmitOnceMixin
from pupils.mixins import PupilRecordMixin
from targets.selectors import active_targets_by_pupil

from . import permissions
from .charts import reintegration_chart
from .forms import (
    CriterionAddForm,
    CriterionRewordForm,
    FollowUpForm,
    GraduationForm,
    PlanForm,
    ReadinessAssessmentForm,
    ReadinessSettingsForm,
    ReviewFormSet,
    SupportFormSet,
    WeekFormSet,
    formset_rows,
)
from .models import TransitionPlan
from .selectors import (
    cohort,
    criterion_for_user_or_404,
    current_placement,
    follow_up_terms,
    follow_ups_due,
    graduation_for_user_or_404,
    graduations_of_pupil,
    is_ready,
    plan_for_pupil,
    readiness_assessment_for_user_or_404,
    readiness_due,
    readiness_history,
    readiness_settings_for_school,
    scale_for_school,
    timeline_for_pupil,
    with_judgements,
)
from .services import (
    criterion_add,
    criterion_retire,
    criterion_reword,
    follow_up_record,
    graduation_record,
    plan_set_status,
    plan_start,
    plan_update,
    readiness_assess,
    readiness_settings_update,
    scale_ensure_default,
)


class ReintegrationView(PupilRecordMixin, TemplateView):
    """The pupil's return: readiness over time beside SDQ and Boxall, the plan, graduation and follow-ups."""

    audit_page = "reintegration"
    permission_required = permissions.VIEW_REINTEGRATION
    template_name = "reintegration/pupil_reintegration.html"

    def get_context_data(self, **kwargs):
        user, pupil = self.request.user, self.pupil
        settings_row = readiness_settings_for_school(pupil.school_id)
        history = with_judgements(readiness_history(pupil), settings_row)
        latest = history[-1] if history else None
        placement = current_placement(pupil)
        plan = plan_for_pupil(pupil)
        can_change = user.has_perm(permissions.CHANGE_REINTEGRATION, pupil)
        ready = is_ready(latest, settings_row.threshold, settings_row.min_coverage)
        graduations = graduations_of_pupil(pupil)
        terms = settings_row.follow_up_terms
        return super().get_context_data(
            threshold=settings_row.threshold,
            min_coverage=settings_row.min_coverage,
            history=list(reversed(history)),
            latest=latest,
            ready=ready and placement is not None,
            placement=placement,
            plan=plan if plan and (placement is None or plan.placement_id == placement.pk) else None,
            offer_plan=ready and placement is not None and can_change
            and (plan is None or plan.placement_id != placement.pk),
            chart=reintegration_chart(timeline_for_pupil(pupil, history), threshold=settings_row.threshold),
            graduations=[(g, list(g.follow_ups.all()), follow_up_terms(g, terms)) for g in graduations],
            can_change=can_change,
            can_rate=user.has_perm(permissions.RATE_READINESS, pupil),
            **kwargs,
        )


class ReadinessCreateView(SubmitOnceMixin, PupilRecordMixin, FormView):
    permission_required = permissions.RATE_READINESS
    template_name = "reintegration/readiness_form.html"

    @cached_property
    def class_only(self) -> bool:
        return not self.request.user.has_perm(permissions.CHANGE_REINTEGRATION, self.pupil)

    def get_form(self, form_class=None):
        scale_ensure_default(school=self.pupil.school)
        categories = scale_for_school(self.pupil.school_id, in_use_only=True)
        return ReadinessAssessmentForm(**self.get_form_kwargs(), categories=categories, class_only=self.class_only)

    def get_initial(self):
        return {"assessed_on": timezone.localdate()}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            assessment = readiness_assess(pupil=self.pupil, user=self.request.user, assessed_on=data["assessed_on"],
                                          setting=data["setting"], note=data["note"], ratings=form.ratings())
        except ValidationError as error:
            show_refusal(form, error)
            return self.form_invalid(form)
        coverage = readiness_settings_for_school(self.pupil.school_id).min_coverage
        judged = "" if (assessment.coverage or 0) >= coverage else (
            f" Not enough rated to judge: {assessment.coverage}% of the scale was rated and a score counts from "
            f"{coverage}%.")
        messages.success(self.request, f"Readiness recorded: {assessment.percent}% of the maximum over the "
                                       f"{assessment.rated_count} of {assessment.criteria_count} criteria rated."
                                       + judged)
        return redirect("reintegration:pupil-reintegration", self.pupil.pk)


class ReadinessDetailView(PupilRecordMixin, TemplateView):
    audit_page = "readiness assessment"
    permission_required = permissions.VIEW_REINTEGRATION
    template_name = "reintegration/readiness_detail.html"

    def get_context_data(self, **kwargs):
        assessment = readiness_assessment_for_user_or_404(self.request.user, self.pupil, self.kwargs["pk"])
        groups: dict[str, list] = {}
        for rating in assessment.ratings.all():
            groups.setdefault(rating.category_name, []).append(rating)
        return super().get_context_data(assessment=assessment, groups=list(groups.items()), **kwargs)


class PlanStartView(PupilRecordMixin, View):
    """Start a draft transition plan (POST)."""

    permission_required = permissions.CHANGE_REINTEGRATION

    def post(self, request, *args, **kwargs):
        try:
            plan_start(pupil=self.pupil, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("reintegration:pupil-reintegration", self.pupil.pk)
        messages.success(request, "A draft transition plan was started: adjust the timetable, support and reviews.")
        return redirect("reintegration:plan-edit", self.pupil.pk)


class PlanMixin(PupilRecordMixin):
    @cached_property
    def plan(self) -> TransitionPlan:
        plan = plan_for_pupil(self.pupil)
        if plan is None:
            raise Http404("No transition plan yet.")
        return plan


class PlanDetailView(PlanMixin, TemplateView):
    """The transition plan, with the targets that carry on unchanged into class."""

    audit_page = "transition plan"
    permission_required = permissions.VIEW_REINTEGRATION
    template_name = "reintegration/plan_detail.html"

    def get_context_data(self, **kwargs):
        plan = self.plan
        return super().get_context_data(
            plan=plan, targets=active_targets_by_pupil([self.pupil.pk])[self.pupil.pk],
            can_change=self.request.user.has_perm(permissions.CHANGE_REINTEGRATION, self.pupil),
            next_status=plan.next_step,
            **kwargs)


class PlanEditView(PlanMixin, TemplateView):
    permission_required = permissions.CHANGE_REINTEGRATION
    template_name = "reintegration/plan_form.html"

    def _forms(self, data=None):
        plan = self.plan
        if data is not None:  # bound forms compare with blank rows, so every filled row counts as typed
            return (PlanForm(data), WeekFormSet(data, prefix="weeks"), SupportFormSet(data, prefix="support"),
                    ReviewFormSet(data, prefix="reviews"))
        return (
            PlanForm(initial={"starts_on": plan.starts_on, "strategies": plan.strategies, "version": plan.version}),
            WeekFormSet(prefix="weeks", initial=[
                {"week": w.week, "class_sessions": w.class_sessions, "group_sessions": w.group_sessions,
                 "note": w.note} for w in plan.weeks.all()]),
            SupportFormSet(prefix="support", initial=[
                {"who": s.who, "what": s.what, "when": s.when} for s in plan.support.all()]),
            ReviewFormSet(prefix="reviews", initial=[
                {"review_on": r.review_on, "outcome": r.outcome} for r in plan.reviews.all()]),
        )

    def get_context_data(self, **kwargs):
        if "form" not in kwargs:
            kwargs["form"], kwargs["weeks"], kwargs["support"], kwargs["reviews"] = self._forms()
        return super().get_context_data(plan=self.plan, **kwargs)

    def get(self, request, *args, **kwargs):
        if not self.plan.is_editable:
            messages.info(request, "This plan is completed and can no longer be changed.")
            return redirect("reintegration:plan-detail", self.pupil.pk)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form, weeks, support, reviews = self._forms(request.POST)
        context = {"form": form, "weeks": weeks, "support": support, "reviews": reviews}
        if all(f.is_valid() for f in (form, weeks, support, reviews)):
            try:
                plan_update(plan=self.plan, user=request.user, starts_on=form.cleaned_data["starts_on"],
                            strategies=form.cleaned_data["strategies"], weeks=formset_rows(weeks),
                            support=formset_rows(support), reviews=formset_rows(reviews),
                            version=form.cleaned_data["version"])
            except ValidationError as error:
                show_refusal(form, error)
            else:
                messages.success(request, "The transition plan was saved.")
                return redirect("reintegration:plan-detail", self.pupil.pk)
        return self.render_to_response(self.get_context_data(**context))


class PlanStatusView(PlanMixin, View):
    """Start the return (draft -> under way) or complete it (POST)."""

    permission_required = permissions.CHANGE_REINTEGRATION

    def post(self, request, *args, **kwargs):
        try:
            plan = plan_set_status(plan=self.plan, user=request.user, status=request.POST.get("status", ""))
        except (ValidationError, ValueError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, f"The transition plan is now {plan.get_status_display().lower()}.")
        return redirect("reintegration:plan-detail", self.pupil.pk)


class GraduationView(PupilRecordMixin, FormView):
    """Record the pupil's graduation, which ends their placement."""

    permission_required = permissions.CHANGE_REINTEGRATION
    template_name = "reintegration/graduation_form.html"
    form_class = GraduationForm

    @cached_property
    def placement(self):
        placement = current_placement(self.pupil)
        if placement is None:
            raise Http404("The pupil is not in the group.")
        return placement

    def get_initial(self):
        return {"graduated_on": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(placement=self.placement, **kwargs)

    def form_valid(self, form):
        try:
            graduation_record(placement=self.placement, user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{self.pupil.first_name} has graduated from {self.placement.group.name}.")
        return redirect("reintegration:pupil-reintegration", self.pupil.pk)


class FollowUpCreateView(SubmitOnceMixin, PupilRecordMixin, FormView):
    permission_required = permissions.CHANGE_REINTEGRATION
    template_name = "reintegration/follow_up_form.html"

    @cached_property
    def graduation(self):
        return graduation_for_user_or_404(self.request.user, self.pupil, self.kwargs["pk"])

    def get_form(self, form_class=None):
        terms = follow_up_terms(self.graduation, readiness_settings_for_school(self.pupil.school_id).follow_up_terms)
        recorded = set(self.graduation.follow_ups.values_list("term", flat=True))
        open_terms = [term for term in terms if term.code not in recorded and term.start <= timezone.localdate()]
        form = FollowUpForm(**self.get_form_kwargs(), graduation=self.graduation, terms=open_terms or terms)
        wanted = self.request.GET.get("term")
        if wanted and not self.request.method == "POST":
            form.initial["term"] = wanted
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(graduation=self.graduation, **kwargs)

    def form_valid(self, form):
        try:
            follow_up = follow_up_record(graduation=self.graduation, user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Follow-up for {follow_up.term_value.label} recorded.")
        return redirect("reintegration:pupil-reintegration", self.pupil.pk)


class DueView(ExportMixin, PermissionRequiredMixin, TemplateView):
    """Readiness assessments due and overdue, and follow-ups of former pupils due."""

    permission_required = permissions.VIEW_COHORT
    template_name = "reintegration/due.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(readiness=readiness_due(user), follow_ups=follow_ups_due(user),
                                        today=timezone.localdate(), **kwargs)

    def export_table(self, context) -> Table:
        rows = [["Readiness assessment", row.pupil.full_name, str(row.group), row.last_assessed or "never",
                 row.due_on, "Overdue" if row.overdue else "Due soon"] for row in context["readiness"]]
        rows += [["Follow-up", row.graduation.pupil.full_name, f"left {format_date(row.graduation.graduated_on)}",
                  "", row.term.label, "Overdue" if row.overdue else "Due this term"] for row in context["follow_ups"]]
        return Table("Due", ["Kind", "Pupil", "Group or leaving date", "Last assessed", "Due", "State"], rows,
                     pupil_ids=[row.pupil.pk for row in context["readiness"]]
                     + [row.graduation.pupil_id for row in context["follow_ups"]])


class CohortView(ExportMixin, PermissionRequiredMixin, TemplateView):
    """Former pupils grouped by the year they left: coping, SDQ and attainment since, and who has no evidence."""

    permission_required = permissions.VIEW_COHORT
    template_name = "reintegration/cohort.html"

    def get_context_data(self, **kwargs):
        years = cohort(self.request.user)
        query = self.request.GET.get("q", "").strip()
        chosen = self.request.GET.get("year", "")
        shown = [year for year in years if not chosen or str(year.year) == chosen]
        rows = []
        for year in shown:
            counts = year.counts  # the year's figures count everyone who left, whatever the search
            matching = [row for row in year.pupils if query.lower() in row.pupil.full_name.lower()]
            rows.append((year, counts, matching))
        return super().get_context_data(years=rows, all_years=years, query=query, chosen=chosen, **kwargs)

    def export_table(self, context) -> Table:
        rows, ids = [], []
        for year, _counts, matching in context["years"]:
            for row in matching:
                ids.append(row.pupil.pk)
                evidence = not row.no_evidence
                rows.append([year.label, row.pupil.full_name, row.graduation.graduated_on,
                             row.graduation.get_ending_display(), row.follow_up_count,
                             row.latest.get_coping_display() if evidence else "No evidence",
                             row.sdq_at_leaving if evidence else None, row.sdq_latest if evidence else None,
                             (row.attainment_label or "no evidence") if evidence else "",
                             ("Yes" if row.latest.came_back else "No") if evidence else ""])
        return Table("Former pupils",
                     ["Year left", "Pupil", "Left", "Ending", "Follow-ups", "Latest: coping", "SDQ total at leaving",
                      "SDQ total latest", "Attainment (latest recorded)", "Came back"], rows,
                     filters={"Search": context["query"], "Year they left": context["chosen"]}, pupil_ids=ids)


class ScaleView(SubmitOnceMixin, PermissionRequiredMixin, TemplateView):
    """The school's readiness scale and settings: threshold, follow-up terms, criteria to add, reword, retire."""

    permission_required = permissions.MANAGE_SCALE
    template_name = "reintegration/scale.html"

    def _forms(self, data=None):
        school = self.request.user.school
        row = readiness_settings_for_school(school)
        action = (data or {}).get("action")
        return (ReadinessSettingsForm(data if action == "settings" else None, instance=row, prefix="settings"),
                CriterionAddForm(data if action == "add" else None, school_id=school.pk, prefix="add"))

    def get_context_data(self, **kwargs):
        school = self.request.user.school
        scale_ensure_default(school=school)
        if "settings_form" not in kwargs:
            kwargs["settings_form"], kwargs["add_form"] = self._forms()
        return super().get_context_data(categories=scale_for_school(school), **kwargs)

    def post(self, request, *args, **kwargs):
        settings_form, add_form = self._forms(request.POST)
        school = request.user.school
        action = request.POST.get("action")
        form = settings_form if action == "settings" else add_form
        if form.is_valid():
            try:
                if action == "settings":
                    readiness_settings_update(school=school, user=request.user, **form.cleaned_data)
                    messages.success(request, "Readiness settings saved.")
                else:
                    criterion_add(school=school, user=request.user, **form.cleaned_data)
                    messages.success(request, "Criterion added.")
            except ValidationError as error:
                show_refusal(form, error)
            else:
                return redirect("reintegration:scale")
        return self.render_to_response(self.get_context_data(settings_form=settings_form, add_form=add_form))


class CriterionEditView(PermissionRequiredMixin, FormView):
    permission_required = permissions.MANAGE_SCALE
    template_name = "reintegration/criterion_form.html"
    form_class = CriterionRewordForm

    @cached_property
    def criterion(self):
        return criterion_for_user_or_404(self.request.user, self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.request, self.kwargs = request, kwargs
            self.criterion  # noqa: B018  (404 for another school's criterion before the permission's 403)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"wording": self.criterion.wording}

    def get_context_data(self, **kwargs):
        return super().get_context_data(criterion=self.criterion, **kwargs)

    def form_valid(self, form):
        try:
            criterion_reword(criterion=self.criterion, user=self.request.user, wording=form.cleaned_data["wording"])
        except ValidationError as error:
            show_refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Criterion reworded; earlier assessments keep their wording.")
        return redirect("reintegration:scale")


class CriterionRetireView(PermissionRequiredMixin, View):
    permission_required = permissions.MANAGE_SCALE

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            criterion_for_user_or_404(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        criterion = criterion_for_user_or_404(request.user, kwargs["pk"])
        try:
            criterion_retire(criterion=criterion, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"'{criterion.wording}' is retired: no longer rated, old scores unchanged.")
        return redirect(reverse("reintegration:scale"))
