"""The SDQ impact supplement is scored only when the informant says the child has difficulties: clear the
impact score of SDQs saved with that question unanswered (their ticked answers stay)."""

from django.db import migrations


def unscore(apps, schema_editor):
    SdqAssessment = apps.get_model("assessments", "SdqAssessment")
    SdqAssessment.objects.filter(has_difficulties__isnull=True).exclude(impact__isnull=True).update(
        impact=None, impact_band="")


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_school_and_staff_in_core")]
    operations = [migrations.RunPython(unscore, migrations.RunPython.noop)]
