"""Pages for pupils, nurture groups and the MIS import. Thin: selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView

from nurture import permissions
from nurture.audit import audit_entries_for_pupil, audit_pupil_access
from nurture.mixins import PermissionRequiredMixin, PupilRecordMixin

from .forms import PupilForm, PupilImportForm, PupilSearchForm
from .imports import read_pupil_csv
from .models import PupilImport
from .selectors import (
    classes_for_user,
    current_placement_by_pupil,
    group_for_user_or_404,
    group_members,
    groups_for_user,
    pupils_for_user,
)
from .services import ImportRefused, pupil_import_apply, pupil_import_preview, pupil_update


class PupilListView(PermissionRequiredMixin, ListView):
    permission_required = permissions.VIEW_PUPIL_LIST
    template_name = "pupils/pupil_list.html"
    context_object_name = "pupils"
    paginate_by = 50

    def get_queryset(self):
        self.search_form = PupilSearchForm(self.request.GET or None, school_classes=classes_for_user(self.request.user))
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


class PupilDetailView(PupilRecordMixin, TemplateView):
    """The pupil's case page: their details, placement and the parts of the record the user may see."""

    permission_required = permissions.VIEW_PUPIL
    template_name = "pupils/pupil_detail.html"

    def get_context_data(self, **kwargs):
        user, pupil = self.request.user, self.pupil
        audit_pupil_access(user=user, pupil=pupil, page="case page")
        placements = list(pupil.placements.select_related("group").order_by("-start_date"))
        return super().get_context_data(
            placements=placements,
            can_view_case=user.has_perm(permissions.VIEW_CASE, pupil),
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


class PupilAuditView(PupilRecordMixin, ListView):
    """Who viewed, created, changed or exported this pupil's record, newest first."""

    permission_required = permissions.VIEW_AUDIT
    template_name = "pupils/pupil_audit.html"
    context_object_name = "entries"
    paginate_by = 50

    def get_queryset(self):
        return audit_entries_for_pupil(self.pupil)


class GroupListView(PermissionRequiredMixin, ListView):
    permission_required = permissions.VIEW_GROUP_LIST
    template_name = "pupils/group_list.html"
    context_object_name = "groups"

    def get_queryset(self):
        return groups_for_user(self.request.user).prefetch_related("sessions")


class GroupDetailView(PermissionRequiredMixin, DetailView):
    permission_required = permissions.VIEW_GROUP
    template_name = "pupils/group_detail.html"
    context_object_name = "group"

    def get_object(self, queryset=None):
        return group_for_user_or_404(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        return self.get_object()

    def get_context_data(self, **kwargs):
        members = list(group_members(self.object))
        return super().get_context_data(
            members=members,
            places_left=max(self.object.capacity - len(members), 0),
            over_capacity=len(members) > self.object.capacity,
            **kwargs,
        )


class ImportUploadView(PermissionRequiredMixin, FormView):
    """Step 1 of the MIS import: choose the file."""

    permission_required = permissions.IMPORT_PUPILS
    template_name = "pupils/import_upload.html"
    form_class = PupilImportForm

    def get_context_data(self, **kwargs):
        recent = PupilImport.objects.filter(school_id=self.request.user.school_id).select_related("uploaded_by")[:10]
        return super().get_context_data(recent_imports=recent, **kwargs)

    def form_valid(self, form):
        pupil_import, _preview = pupil_import_preview(
            school=self.request.user.school, user=self.request.user,
            file_name=self.request.FILES["file"].name,
            csv_text=form.cleaned_data["file"],
        )
        return redirect("pupils:import-preview", pk=pupil_import.pk)


def _school_import_or_404(request, pk: int) -> PupilImport:
    return get_object_or_404(PupilImport, pk=pk, school_id=request.user.school_id)


class ImportPreviewView(PermissionRequiredMixin, TemplateView):
    """Step 2: what would be created, updated or refused, row by row; confirm only if all rows are valid."""

    permission_required = permissions.IMPORT_PUPILS
    template_name = "pupils/import_preview.html"

    def get_context_data(self, **kwargs):
        pupil_import = _school_import_or_404(self.request, self.kwargs["pk"])
        preview = None
        if pupil_import.status == PupilImport.Status.PREVIEWED:
            preview = read_pupil_csv(pupil_import.csv_text, pupil_import.school)
        return super().get_context_data(pupil_import=pupil_import, preview=preview, **kwargs)

    def post(self, request, *args, **kwargs):
        pupil_import = _school_import_or_404(request, kwargs["pk"])
        try:
            pupil_import = pupil_import_apply(pupil_import=pupil_import, user=request.user)
        except ImportRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("pupils:import-preview", pk=pupil_import.pk)
        messages.success(
            request,
            f"Import complete: {pupil_import.created_count} pupils added, {pupil_import.updated_count} updated, "
            f"{pupil_import.unchanged_count} unchanged.",
        )
        return redirect(reverse("pupils:import-upload"))
