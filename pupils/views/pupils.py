"""Pages for pupils, nurture groups and the MIS import. Thin: selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.views.generic import ListView, TemplateView, UpdateView

from core import permissions
from core.audit import audit_entries_for_pupil, audit_rows
from core.exports import ExportMixin, Table, filters_from_form
from core.mixins import PermissionRequiredMixin
from core.panels import case_sections
from pupils.mixins import PupilRecordMixin

from ..forms import PupilForm, PupilSearchForm
from ..selectors import (
    class_choices_for_user,
    current_placement_by_pupil,
    pupils_for_user,
)
from ..services import pupil_update


class PupilListView(ExportMixin, PermissionRequiredMixin, ListView):
    permission_required = permissions.VIEW_PUPIL_LIST
    template_name = "pupils/pupil_list.html"
    context_object_name = "pupils"
    paginate_by = 50

    def get_queryset(self):
        classes = class_choices_for_user(self.request.user)
        self.search_form = PupilSearchForm(self.request.GET or None, school_classes=classes)
        pupils = pupils_for_user(self.request.user).on_roll()
        if self.search_form.is_valid():
            query = self.search_form.cleaned_data
            if query["q"]:
                pupils = pupils.search(query["q"])
            if query["school_class"]:
                pupils = pupils.filter(school_class=query["school_class"])
            if query["year_group"] is not None:
                pupils = pupils.filter(year_group=query["year_group"])
        return pupils

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_pupils = list(context["pupils"])
        placements = current_placement_by_pupil([pupil.pk for pupil in page_pupils])
        context["rows"] = [(pupil, placements.get(pupil.pk)) for pupil in page_pupils]
        context["search_form"] = self.search_form
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        return context

    def export_table(self, context) -> Table:
        rows = context["rows"]
        return Table(
            "Pupils", ["Surname", "First name", "UPN", "Year", "Class", "SEN", "Nurture group"],
            [[pupil.legal_last_name, pupil.first_name, pupil.upn, pupil.get_year_group_display(),
              str(pupil.school_class or ""), pupil.get_sen_status_display(), placement.group.name if placement else ""]
             for pupil, placement in rows],
            filters=filters_from_form(self.search_form), pupil_ids=[pupil.pk for pupil, _ in rows])


class PupilDetailView(PupilRecordMixin, TemplateView):
    """The pupil's case page: their details, placement and the parts of the record the user may see."""

    audit_page = "case page"
    permission_required = permissions.VIEW_PUPIL
    template_name = "pupils/pupil_detail.html"

    def get_context_data(self, **kwargs):
        user, pupil = self.request.user, self.pupil
        return super().get_context_data(
            panels=case_sections(user, pupil),
            can_edit=user.has_perm(permissions.CHANGE_PUPIL, pupil),
            can_view_audit=user.has_perm(permissions.VIEW_AUDIT, pupil),
            **kwargs,
        )


class PupilUpdateView(PupilRecordMixin, UpdateView):
    permission_required = permissions.CHANGE_PUPIL
    template_name = "pupils/pupil_form.html"
    form_class = PupilForm

    def get_object(self, queryset=None):
        return self.pupil

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "school": self.pupil.school}

    def form_valid(self, form):
        pupil_update(pupil=self.pupil, user=self.request.user, values=form.cleaned_data)
        messages.success(self.request, f"{self.pupil.full_name}'s details were saved.")
        return redirect(self.pupil.get_absolute_url())


class PupilAuditView(ExportMixin, PupilRecordMixin, ListView):
    """Who viewed, created, changed or exported this pupil's record, newest first."""

    permission_required = permissions.VIEW_AUDIT
    template_name = "pupils/pupil_audit.html"
    context_object_name = "entries"
    paginate_by = 50

    def get_queryset(self):
        return audit_entries_for_pupil(self.pupil)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = audit_rows(context["entries"])
        return context

    def export_table(self, context) -> Table:
        return Table(
            "Audit trail", ["When", "Who", "What", "Record", "Changes (old -> new)"],
            [[row.entry.timestamp, str(row.entry.actor or "system"), row.what,
              f"{row.entry.content_type.name.capitalize()}: {row.entry.object_repr}",
              "; ".join(f"{change.label}: {change.old} -> {change.new}" for change in row.changes)]
             for row in context["rows"]],
            filters={"Pupil": self.pupil.full_name}, pupil_ids=[self.pupil.pk])
