"""The referral workflow: the SENCO's board, raising a concern, the referral's page and each stage's action."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.views.generic import FormView, TemplateView

from core.exports import ExportMixin, Table, filters_from_form
from core.forms import show_refusal
from core.mixins import PermissionRequiredMixin
from core.submission import SubmitOnceMixin
from pupils.mixins import PupilRecordMixin

from .. import permissions
from ..forms import (
    ConsentForm,
    ConsentWithdrawForm,
    DecisionForm,
    ParentContactForm,
    ReferralFilterForm,
    ReferralForm,
    StageForm,
    WithdrawForm,
)
from ..models import Referral
from ..selectors import (
    baseline_assessments,
    classes_for_user,
    groups_for_user,
    open_referral_of_pupil,
    parent_contacts,
    referral_board,
    referral_for_user_or_404,
    referral_timeline,
)
from ..services import (
    ReferralAlreadyOpen,
    ReferralRefused,
    balance_warnings,
    group_balance,
    parent_contact_record,
    referral_advance,
    referral_decide,
    referral_raise,
    referral_record_consent,
    referral_update,
    referral_withdraw,
    referral_withdraw_consent,
)


class ReferralBoardView(ExportMixin, PermissionRequiredMixin, TemplateView):
    """The SENCO's board: every open referral by stage, days waited, what it lacks; each group's wait list."""

    permission_required = permissions.VIEW_REFERRAL_BOARD
    template_name = "pupils/referral_board.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = ReferralFilterForm(self.request.GET or None, school_classes=classes_for_user(user))
        filters = form.cleaned_data if form.is_valid() else {}
        board = referral_board(
            user, school_class=filters.get("school_class"), year_group=filters.get("year_group"),
            need=filters.get("need") or "",
        )
        return super().get_context_data(filter_form=form, board=board, **kwargs)

    def export_table(self, context) -> Table:
        board = context["board"]
        rows = [(stage["label"], row) for stage in board["stages"] for row in stage["rows"]]
        rows += [("Wait list", row) for wait_list in board["wait_lists"] for row in wait_list["rows"]]
        return Table(
            "Referrals", ["Stage", "Pupil", "Class", "Kind of need", "Raised by", "School days waited", "Still lacks",
                          "Wait list", "Priority"],
            [[label, row["referral"].pupil.full_name, str(row["referral"].pupil.school_class or ""),
              ", ".join(row["referral"].need_labels), str(row["referral"].raised_by), row["days_waited"],
              ", ".join(row["missing"]) or "Nothing",
              row["referral"].group.name if row["referral"].group_id else "", row["referral"].wait_list_priority]
             for label, row in rows],
            filters=filters_from_form(context["filter_form"]),
            pupil_ids=[row["referral"].pupil_id for _, row in rows])


class ReferralCreateView(PupilRecordMixin, FormView):
    """Stage 1: a class teacher (or the SENCO) raises a concern about a pupil."""

    permission_required = permissions.RAISE_REFERRAL
    template_name = "pupils/referral_form.html"
    form_class = ReferralForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "show_home_circumstances": True, "show_evidence": False}

    def get_context_data(self, **kwargs):
        # While a referral is open the page points to it instead of offering a second one.
        return super().get_context_data(title=f"Raise a concern about {self.pupil.full_name}",
                                         cancel_url=self.pupil.get_absolute_url(),
                                         open_referral=open_referral_of_pupil(self.request.user, self.pupil),
                                         **kwargs)

    def form_valid(self, form):
        try:
            referral = referral_raise(pupil=self.pupil, user=self.request.user, needs=form.cleaned_data["needs"],
                                      values=form.values())
        except ReferralAlreadyOpen as refusal:
            messages.warning(self.request, format_html('{} <a href="{}">It is shown here.</a>', refusal.message,
                                                       refusal.referral.get_absolute_url()))
            return redirect(refusal.referral)
        except (ReferralRefused, ValidationError) as error:
            show_refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "The concern was raised. The SENCO will see it on the referrals board.")
        return redirect(referral)


class ReferralMixin(PermissionRequiredMixin):
    """Load the referral named in the URL from the user's own school (404 otherwise), then check the rule."""

    @cached_property
    def referral(self) -> Referral:
        return referral_for_user_or_404(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        return self.referral

    def get_context_data(self, **kwargs):
        return super().get_context_data(referral=self.referral, pupil=self.referral.pupil, **kwargs)


class ReferralDetailView(ReferralMixin, TemplateView):
    """A referral's page: the concern, the evidence and what is missing, parents and consent, the decision,
    the timeline; and the actions the user may take now."""

    audit_page = "referral"
    permission_required = permissions.VIEW_REFERRAL
    template_name = "pupils/referral_detail.html"

    def get_context_data(self, **kwargs):
        user, referral = self.request.user, self.referral
        is_open = referral.is_open
        can_manage = user.has_perm(permissions.MANAGE_REFERRAL, referral)
        return super().get_context_data(
            timeline=referral_timeline(referral),
            contacts=parent_contacts(referral),
            placements=list(referral.placements.select_related("group")),
            missing=referral.missing_evidence(),
            baseline=baseline_assessments([referral.pupil])[referral.pupil_id],
            can_see_home=user.has_perm(permissions.VIEW_HOME_CIRCUMSTANCES, referral),
            can_edit=user.has_perm(permissions.EDIT_REFERRAL, referral),
            can_manage=can_manage and is_open,
            can_advance=can_manage and referral.stage in Referral.OPEN_STAGES[:-1],
            can_withdraw_consent=can_manage and referral.has_consent,
            can_decide=is_open and user.has_perm(permissions.DECIDE_REFERRAL, referral),
            **kwargs,
        )


class ReferralActionView(ReferralMixin, FormView):
    """A form that calls one service on the referral, showing its refusal beside the form."""

    template_name = "pupils/referral_action.html"
    title = ""
    success_message = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, cancel_url=self.referral.get_absolute_url(), **kwargs)

    def act(self, form) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.act(form)
        except (ReferralRefused, ValidationError) as error:
            show_refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.referral)


class ReferralUpdateView(ReferralActionView):
    """The concern and the evidence; a save on top of someone else's is refused and keeps the typed text."""

    permission_required = permissions.EDIT_REFERRAL
    template_name = "pupils/referral_form.html"
    form_class = ReferralForm
    success_message = "The referral was saved."

    @property
    def title(self):
        return f"Referral of {self.referral.pupil.full_name}"

    def get_form_kwargs(self):
        user, referral = self.request.user, self.referral
        return {
            **super().get_form_kwargs(), "editing": True,
            "show_home_circumstances": user.has_perm(permissions.VIEW_HOME_CIRCUMSTANCES, referral),
            "show_evidence": user.has_perm(permissions.MANAGE_REFERRAL, referral),
        }

    def get_initial(self):
        referral = self.referral
        initial = {name: getattr(referral, name) for name in [
            "descriptors", "tried_already", "academic_concerns", "home_circumstances", *ReferralForm.EVIDENCE]}
        return {**initial, "needs": referral.needs, "version": referral.version}

    def act(self, form):
        referral_update(referral=self.referral, user=self.request.user, version=form.cleaned_data["version"] or 0,
                        needs=form.cleaned_data["needs"], values=form.values())


class ReferralStageView(ReferralActionView):
    permission_required = permissions.MANAGE_REFERRAL
    form_class = StageForm
    title = "Move the referral on"
    success_message = "The referral moved on."

    def get_form_kwargs(self):
        order = Referral.OPEN_STAGES
        current = self.referral.stage
        later = order[order.index(current) + 1:] if current in order else []
        return {**super().get_form_kwargs(), "stages": [(stage, Referral.Stage(stage).label) for stage in later]}

    def act(self, form):
        referral_advance(referral=self.referral, user=self.request.user, stage=form.cleaned_data["stage"],
                         reason=form.cleaned_data["reason"])


class ReferralWithdrawView(ReferralActionView):
    permission_required = permissions.MANAGE_REFERRAL
    form_class = WithdrawForm
    title = "Withdraw the referral"
    success_message = "The referral was withdrawn."

    def act(self, form):
        referral_withdraw(referral=self.referral, user=self.request.user, reason=form.cleaned_data["reason"])


class ParentContactView(SubmitOnceMixin, ReferralActionView):
    permission_required = permissions.MANAGE_REFERRAL
    form_class = ParentContactForm
    title = "Record a contact with parents or carers"
    success_message = "The contact was recorded."

    def get_initial(self):
        return {"contacted_on": timezone.localdate()}

    def act(self, form):
        parent_contact_record(referral=self.referral, user=self.request.user, **form.cleaned_data)


class ConsentView(ReferralActionView):
    permission_required = permissions.MANAGE_REFERRAL
    form_class = ConsentForm
    title = "Record consent"
    success_message = "Consent was recorded."

    def get_initial(self):
        return {"given_on": timezone.localdate()}

    def act(self, form):
        referral_record_consent(referral=self.referral, user=self.request.user, **form.cleaned_data)


class ConsentWithdrawView(ReferralActionView):
    permission_required = permissions.MANAGE_REFERRAL
    form_class = ConsentWithdrawForm
    title = "Record that consent was withdrawn"
    success_message = "The withdrawal of consent was recorded; any placement from this referral has ended."

    def get_initial(self):
        return {"withdrawn_on": timezone.localdate()}

    def act(self, form):
        referral_withdraw_consent(referral=self.referral, user=self.request.user, **form.cleaned_data)


class ReferralDecideView(ReferralActionView):
    """Stage 4: the panel's decision, beside each group's balance (needs, expected ends, capacity)."""

    permission_required = permissions.DECIDE_REFERRAL
    template_name = "pupils/referral_decide.html"
    form_class = DecisionForm
    title = "Panel decision"
    success_message = "The panel's decision was recorded."

    @cached_property
    def groups(self):
        return list(groups_for_user(self.request.user).order_by("name"))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "groups": groups_for_user(self.request.user)}

    def get_context_data(self, **kwargs):
        balances = []
        for group in self.groups:
            balance = group_balance(group)
            balance["warnings"] = balance_warnings(balance, self.referral.needs)
            balance["need_rows"] = [
                (label, balance["need_counts"][code]) for code, label in Referral.need_choices()
            ]
            balances.append(balance)
        return super().get_context_data(
            balances=balances, needs_skip=self.referral.stage not in (Referral.Stage.PANEL, Referral.Stage.DECIDED),
            **kwargs,
        )

    def act(self, form):
        data = dict(form.cleaned_data)
        data.pop("over_capacity")
        referral_decide(referral=self.referral, user=self.request.user, **data)
