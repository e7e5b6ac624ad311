"""Views of the transfer pack and of records received: thin; the services write, pack.py builds."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView, View

from core.audit import audit_download
from core.forms import show_refusal
from core.mixins import PermissionRequiredMixin
from privacy.selectors import privacy_settings_for
from pupils.mixins import PupilRecordMixin

from . import permissions
from .forms import PackUploadForm, TransferPrepareForm, TransferSentForm
from .pack import pack_json, pack_pdf, read_pack, readable_sections
from .selectors import received_for_user_or_404, transfer_for_user_or_404, transfers_of_pupil
from .services import AlreadyImported, pack_import, transfer_prepare, transfer_record_sent


class TransferView(PupilRecordMixin, FormView):
    """Prepare a transfer pack, download it, and record when it was sent."""

    audit_page = "transfer the record"
    permission_required = permissions.TRANSFER_RECORD
    template_name = "transfers/transfer.html"
    form_class = TransferPrepareForm

    def get_context_data(self, **kwargs):
        settings = privacy_settings_for(self.pupil.school)
        return super().get_context_data(
            transfers=transfers_of_pupil(self.pupil),
            sent_form=TransferSentForm(initial={"sent_on": timezone.localdate()}),
            keep_until=settings.keep_until(self.pupil), privacy=settings, **kwargs)

    def form_valid(self, form):
        try:
            transfer_prepare(pupil=self.pupil, user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            show_refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "The transfer pack is ready: download it, send it, then record it as sent.")
        return redirect("transfers:transfer", self.pupil.pk)


class TransferSentView(PupilRecordMixin, FormView):
    permission_required = permissions.TRANSFER_RECORD
    template_name = "transfers/transfer.html"
    form_class = TransferSentForm

    @cached_property
    def transfer(self):
        return transfer_for_user_or_404(self.request.user, self.pupil, self.kwargs["pk"])

    def form_valid(self, form):
        try:
            transfer_record_sent(transfer=self.transfer, user=self.request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect("transfers:transfer", self.pupil.pk)
        messages.success(self.request, "Recorded as sent. The record's retention now follows the transfer.")
        return redirect("transfers:transfer", self.pupil.pk)

    def form_invalid(self, form):
        messages.error(self.request, "Give the date it was sent and how: " + " ".join(
            str(error) for errors in form.errors.values() for error in errors))
        return redirect("transfers:transfer", self.pupil.pk)


class TransferDownloadView(PupilRecordMixin, View):
    permission_required = permissions.TRANSFER_RECORD

    def get(self, request, *args, **kwargs):
        transfer = transfer_for_user_or_404(request.user, self.pupil, kwargs["pk"])
        kind = kwargs["kind"]
        audit_download(user=request.user, record=transfer, kind=kind, pupil_id=self.pupil.pk)
        if kind == "pdf":
            response = HttpResponse(pack_pdf(transfer.pack), content_type="application/pdf")
        else:
            response = HttpResponse(pack_json(transfer.pack), content_type="application/json")
        response["Content-Disposition"] = f'attachment; filename="transfer-pack-{transfer.pack_id}.{kind}"'
        return response


class PackImportView(PermissionRequiredMixin, FormView):
    """Import a transfer pack from a pupil's previous school."""

    permission_required = permissions.IMPORT_PACK
    template_name = "transfers/import.html"
    form_class = PackUploadForm

    def form_valid(self, form):
        try:
            received = pack_import(pack=read_pack(form.cleaned_data["pack"].read()), user=self.request.user)
        except AlreadyImported as already:
            messages.info(self.request, already.messages[0])
            return redirect("transfers:received", already.record.pk)
        except ValidationError as error:
            show_refusal(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Imported: {received.pupil.full_name}'s record from {received.from_school}.")
        return redirect("transfers:received", received.pk)


class ReceivedView(PermissionRequiredMixin, TemplateView):
    """The record received from the previous school, as it came."""

    audit_page = "record received from the previous school"
    permission_required = permissions.VIEW_RECEIVED
    template_name = "transfers/received.html"

    @cached_property
    def record(self):
        return received_for_user_or_404(self.request.user, self.kwargs["pk"])

    def get_permission_object(self):
        return self.record.pupil

    def get_context_data(self, **kwargs):
        return super().get_context_data(record=self.record, pupil=self.record.pupil,
                                        sections=readable_sections(self.record.sections), **kwargs)
