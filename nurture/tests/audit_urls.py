"""The project's URLs plus two pupil pages written the way a new page would be, with no audit code."""

from django.http import HttpResponse
from django.urls import path
from django.views import View

from core import permissions
from nurture.urls import urlpatterns as project_urlpatterns
from pupils.mixins import PupilRecordMixin
from pupils.models import Pupil


class NewPupilPage(PupilRecordMixin, View):
    permission_required = permissions.VIEW_PUPIL

    def get(self, request, pupil_pk):
        return HttpResponse(f"<p>{self.pupil.full_name}</p>")


def careless_pupil_page(request, pk):
    """Loads a pupil without the scoped selector (what a review should catch): still audited."""
    pupil = Pupil.objects.get(pk=pk, school_id=request.user.school_id)
    return HttpResponse(f"<p>{pupil.full_name}</p>")


urlpatterns = [
    *project_urlpatterns,
    path("new-page/<int:pupil_pk>/", NewPupilPage.as_view(), name="new-pupil-page"),
    path("careless/<int:pk>/", careless_pupil_page, name="careless-pupil-page"),
]
