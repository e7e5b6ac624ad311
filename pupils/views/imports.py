"""The MIS import: upload, preview row by row, confirm."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView

from core import permissions
from core.mixins import PermissionRequiredMixin
from core.submission import SubmitOnceMixin

from ..forms import PupilImportForm
from ..imports import read_pupil_csv
from ..models import PupilImport
from ..services import ImportRefused, pupil_import_apply, pupil_import_preview


class ImportUploadView(SubmitOnceMixin, PermissionRequiredMixin, FormView):
    """Step 1 of the MIS import: choose the file."""

    permission_required = permissions.IMPORT_PUPILS
    template_name = "pupils/import_upload.html"
    form_class = PupilImportForm

    def get_context_data(self, **kwargs):
        recent = PupilImport.objects.for_user(self.request.user).select_related("uploaded_by")[:10]
        return super().get_context_data(recent_imports=recent, **kwargs)

    def form_valid(self, form):
        pupil_import, _preview = pupil_import_preview(
            school=self.request.user.school, user=self.request.user,
            file_name=self.request.FILES["file"].name,
            csv_text=form.cleaned_data["file"],
        )
        return redirect("pupils:import-preview", pk=pupil_import.pk)


def _school_import_or_404(request, pk: int) -> PupilImport:
    return get_object_or_404(PupilImport.objects.select_related("school"), pk=pk, school_id=request.user.school_id)


class ImportPreviewView(PermissionRequiredMixin, TemplateView):
    """Step 2: what would be created, updated or refused, row by row; confirm only if all rows are valid."""

    permission_required = permissions.IMPORT_PUPILS
    template_name = "pupils/import_preview.html"

    @cached_property
    def pupil_import(self) -> PupilImport:
        return _school_import_or_404(self.request, self.kwargs["pk"])

    def get_permission_object(self):
        return self.pupil_import

    def get_context_data(self, **kwargs):
        pupil_import = self.pupil_import
        preview = None
        if pupil_import.status == PupilImport.Status.PREVIEWED:
            preview = read_pupil_csv(pupil_import.csv_text, pupil_import.school)
        return super().get_context_data(pupil_import=pupil_import, preview=preview,
                                        today_iso=timezone.localdate().isoformat(), **kwargs)

    def post(self, request, *args, **kwargs):
        pupil_import = self.pupil_import
        decisions = {key.removeprefix("same-"): value for key, value in request.POST.items()
                     if key.startswith("same-")}
        leavers_on = None
        if request.POST.get("mark_leavers"):
            try:
                leavers_on = datetime.date.fromisoformat(request.POST.get("left_on", ""))
            except ValueError:
                leavers_on = timezone.localdate()
        try:
            pupil_import = pupil_import_apply(
                pupil_import=pupil_import, user=request.user,
                same_child=frozenset(upn for upn, answer in decisions.items() if answer == "yes"),
                not_same_child=frozenset(upn for upn, answer in decisions.items() if answer == "no"),
                mark_leavers_on=leavers_on)
        except ImportRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("pupils:import-preview", pk=pupil_import.pk)
        messages.success(
            request,
            f"Import complete: {pupil_import.created_count} pupils added, {pupil_import.updated_count} updated, "
            f"{pupil_import.unchanged_count} unchanged.",
        )
        return redirect(reverse("pupils:import-upload"))
