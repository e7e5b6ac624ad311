"""Copy each rating's session date onto the rating (observed_on), so a target's latest rating is one
index probe. Added nullable and filled here; made required in 0003 (each in its own transaction)."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_session_dates(apps, schema_editor):
    TargetRating = apps.get_model("targets", "TargetRating")
    PupilObservation = apps.get_model("targets", "PupilObservation")
    TargetRating.objects.filter(observed_on=None).update(observed_on=Subquery(
        PupilObservation.objects.filter(pk=OuterRef("pupil_observation_id")).values("session__date")[:1]
    ))


class Migration(migrations.Migration):
    dependencies = [("targets", "0001_initial")]

    operations = [
        migrations.AddField(model_name="targetrating", name="observed_on",
                            field=models.DateField(editable=False, null=True)),
        migrations.RunPython(copy_session_dates, migrations.RunPython.noop),
    ]
