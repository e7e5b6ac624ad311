"""Staff administration pages: thin views, one service per action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.http import urlsafe_base64_decode
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from core.audit import audit_download
from core.csv_safe import write_csv
from core.forms import show_refusal
from core.mixins import PermissionRequiredMixin
from core.models import Role, User

from . import permissions, services
from .forms import ReasonForm, SchoolCreateForm, StaffMemberForm, StaffSearchForm
from .permissions import grantable_roles, held_roles
from .selectors import (
    locked_out_usernames,
    member_for_user_or_404,
    member_history,
    school_classes,
    schools_for_user,
    staff_for_user,
)
from .tokens import invitation_tokens


def _site_url(request) -> str:
    return request.build_absolute_uri("/")


def _role_labels(member: User) -> list[str]:
    roles = held_roles(member)
    return [Role(role).label for role in Role.values if role in roles]


class StaffListView(PermissionRequiredMixin, ListView):
    """The school's staff with their roles and classes: searchable, paged, downloadable."""

    permission_required = permissions.VIEW_STAFF
    template_name = "staff/staff_list.html"
    context_object_name = "members"
    paginate_by = 50

    def get_queryset(self):
        self.search_form = StaffSearchForm(self.request.GET or None)
        query = self.search_form.cleaned_data if self.search_form.is_valid() else {"q": "", "leavers": False}
        return staff_for_user(self.request.user, text=query["q"], leavers=query["leavers"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        members = list(context["members"])
        locked = locked_out_usernames(member.username for member in members)
        user = self.request.user
        context["rows"] = [{
            "member": member, "roles": _role_labels(member),
            "classes": [school_class.name for school_class in member.classes_taught.all()],
            "locked": member.username in locked, "joined": member.has_usable_password() or not member.is_active,
            "can_manage": user.has_perm(permissions.MANAGE_MEMBER, member),
        } for member in members]
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(search_form=self.search_form, query_string=query.urlencode(),
                       can_invite=user.has_perm(permissions.INVITE_STAFF))
        return context


def staff_export(request):
    """The staff list as CSV, with the page's search applied."""
    if not request.user.has_perm(permissions.VIEW_STAFF):
        raise PermissionDenied
    form = StaffSearchForm(request.GET or None)
    query = form.cleaned_data if form.is_valid() else {"q": "", "leavers": False}
    members = staff_for_user(request.user, text=query["q"], leavers=query["leavers"])
    rows = [["Last name", "First name", "Email", "Job title", "Roles", "Classes taught", "Status"]]
    for member in members:
        status = "left" if not member.is_active else ("joined" if member.has_usable_password() else "invited")
        rows.append([member.last_name, member.first_name, member.email, member.job_title,
                     "; ".join(_role_labels(member)),
                     "; ".join(school_class.name for school_class in member.classes_taught.all()), status])
    audit_download(user=request.user, record=request.user.school, what="staff list", rows=len(rows) - 1)
    response = HttpResponse(write_csv(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="staff-{timezone.localdate():%Y%m%d}.csv"'
    return response


class StaffInviteView(PermissionRequiredMixin, FormView):
    """Add a member of staff: they are emailed a link to choose their password."""

    permission_required = permissions.INVITE_STAFF
    template_name = "staff/staff_form.html"
    form_class = StaffMemberForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "grantable": grantable_roles(self.request.user),
                "school_classes": school_classes(self.request.user)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title="Invite a member of staff", button="Send the invitation", **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            member = services.staff_invite(
                school=self.request.user.school, user=self.request.user, first_name=data["first_name"],
                last_name=data["last_name"], email=data["email"], job_title=data["job_title"], roles=data["roles"],
                classes=data["classes"], site_url=_site_url(self.request))
        except ValidationError as refusal:
            already = User.objects.filter(school_id=self.request.user.school_id, email__iexact=data["email"]).first()
            if getattr(refusal, "code", "") == "duplicate_email" and already is not None:
                messages.info(self.request, f"{already.get_full_name()} is already on the staff list.")
                return redirect("staff:member-detail", pk=already.pk)
            show_refusal(form, refusal)
            return self.form_invalid(form)
        messages.success(self.request,
                         f"{member.get_full_name()} was invited: the link is on its way to {member.email}.")
        return redirect("staff:member-detail", pk=member.pk)


class MemberMixin(PermissionRequiredMixin):
    """A page about one member of staff of the user's school (another school's answers 404)."""

    permission_required = permissions.MANAGE_MEMBER

    @cached_property
    def member(self) -> User:
        return member_for_user_or_404(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        return self.member

    def get_context_data(self, **kwargs):
        return super().get_context_data(member=self.member, **kwargs)


class MemberDetailView(MemberMixin, TemplateView):
    template_name = "staff/member_detail.html"

    def get_context_data(self, **kwargs):
        member = self.member
        return super().get_context_data(
            roles=_role_labels(member), classes=[c.name for c in member.classes_taught.all()],
            groups=[g.name for g in member.nurture_groups.all()], joined=member.has_usable_password(),
            locked=bool(locked_out_usernames([member.username])), is_self=member.pk == self.request.user.pk,
            reason_form=ReasonForm(), history=member_history(member)[:5], **kwargs)


class MemberHistoryView(MemberMixin, TemplateView):
    """Every change to the member's account: who did what, when, and why."""

    template_name = "staff/member_history.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(history=member_history(self.member), **kwargs)


class MemberEditView(MemberMixin, FormView):
    template_name = "staff/staff_form.html"
    form_class = StaffMemberForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "grantable": grantable_roles(self.request.user),
                "school_classes": school_classes(self.request.user)}

    def get_initial(self):
        member = self.member
        return {"first_name": member.first_name, "last_name": member.last_name, "email": member.email,
                "job_title": member.job_title, "roles": list(held_roles(member)),
                "classes": list(member.classes_taught.all())}

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=f"Change {self.member.get_full_name()}", button="Save", **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.staff_update(member=self.member, user=self.request.user, first_name=data["first_name"],
                                  last_name=data["last_name"], email=data["email"], job_title=data["job_title"],
                                  roles=data["roles"], classes=data["classes"])
        except ValidationError as refusal:
            show_refusal(form, refusal)
            return self.form_invalid(form)
        messages.success(self.request, f"{self.member.get_full_name()}'s details were saved.")
        return redirect("staff:member-detail", pk=self.member.pk)


class MemberActionView(MemberMixin, View):
    """One POST action on a member (leaver, two-factor reset, unlock, invitation): its service, a message, back."""

    def post(self, request, *args, **kwargs):
        try:
            text = self.act()
        except ValidationError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            messages.success(request, text)
        return redirect("staff:member-detail", pk=self.member.pk)

    def act(self) -> str:
        raise NotImplementedError


class MemberLeaverView(MemberActionView):
    def act(self) -> str:
        if self.request.POST.get("confirm") != "yes":
            raise ValidationError("Tick the box to confirm they have left: nothing was changed.")
        services.staff_mark_leaver(member=self.member, user=self.request.user)
        return f"{self.member.get_full_name()} has left: their access ended now; what they recorded keeps their name."


class MemberTwoFactorResetView(MemberActionView):
    def act(self) -> str:
        form = ReasonForm(self.request.POST)
        services.staff_two_factor_reset(member=self.member, user=self.request.user,
                                        reason=form.data.get("reason", ""))
        return (f"{self.member.get_full_name()}'s two-factor sign-in was reset: "
                "they set it up again when they next sign in.")


class MemberUnlockView(MemberActionView):
    def act(self) -> str:
        services.staff_unlock(member=self.member, user=self.request.user)
        return f"{self.member.get_full_name()} can sign in again."


class MemberResendView(MemberActionView):
    def act(self) -> str:
        services.staff_invitation_resend(member=self.member, user=self.request.user, site_url=_site_url(self.request))
        return f"A new invitation link is on its way to {self.member.email}."


class InvitationAcceptView(FormView):
    """The invitation link (no sign-in): choose a password, then the two-factor set-up the role needs."""

    template_name = "staff/invitation_accept.html"
    form_class = SetPasswordForm

    @cached_property
    def member(self) -> User | None:
        try:
            pk = int(force_str(urlsafe_base64_decode(self.kwargs["uidb64"])))
        except (TypeError, ValueError, OverflowError):
            return None
        member = User.objects.filter(pk=pk, is_active=True).select_related("school").first()
        if member is None or member.has_usable_password():
            return None
        return member if invitation_tokens.check_token(member, self.kwargs["token"]) else None

    def dispatch(self, request, *args, **kwargs):
        if self.member is None:
            return render(request, "staff/invitation_invalid.html", status=404)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.member}

    def get_context_data(self, **kwargs):
        return super().get_context_data(member=self.member, **kwargs)

    def form_valid(self, form):
        member = services.invitation_accept(member=self.member, password=form.cleaned_data["new_password1"])
        login(self.request, member, backend="nurture.backends.SchoolStaffBackend")
        messages.success(self.request, "Your password is set. Welcome to Nurture.")
        return redirect("home")


class SchoolListView(PermissionRequiredMixin, ListView):
    """The trust's schools (every school, for the superuser)."""

    permission_required = permissions.CREATE_SCHOOL
    template_name = "staff/school_list.html"
    context_object_name = "schools"

    def get_queryset(self):
        return schools_for_user(self.request.user)


class SchoolCreateView(PermissionRequiredMixin, FormView):
    """Create a school and invite its first school admin."""

    permission_required = permissions.CREATE_SCHOOL
    template_name = "staff/school_form.html"
    form_class = SchoolCreateForm

    def _trust(self):
        user = self.request.user
        return None if user.is_superuser else user.trust

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "fixed_trust": self._trust()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(trust=self._trust(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            school, admin = services.school_create(
                user=self.request.user, name=data["name"], urn=data["urn"], trust=data.get("trust"),
                admin_first_name=data["admin_first_name"], admin_last_name=data["admin_last_name"],
                admin_email=data["admin_email"], site_url=_site_url(self.request))
        except ValidationError as refusal:
            show_refusal(form, refusal)
            return self.form_invalid(form)
        messages.success(self.request, f"{school.name} was created; {admin.get_full_name()} was invited as its school "
                                       f"admin.")
        return redirect(reverse("staff:school-list"))
