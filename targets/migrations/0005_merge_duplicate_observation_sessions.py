"""Merge duplicate observation sessions, so that 0006 can make one session per group, day and setting.

Before the constraint can hold, existing duplicates (a double save made a second session for the same
group, day and setting) are merged into the newest one: the last save is the adult's final word, and a
pupil only the older session logged is moved across, not lost. A setting written as "nurture_group" (the
benchmark generator's old spelling) becomes "group".
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Count


def merge_duplicate_sessions(apps, schema_editor):
    ObservationSession = apps.get_model("targets", "ObservationSession")
    PupilObservation = apps.get_model("targets", "PupilObservation")
    ObservationSession.objects.filter(setting="nurture_group").update(setting="group")
    duplicates = (ObservationSession.objects.filter(group__isnull=False).values("group_id", "date", "setting")
                  .annotate(n=Count("pk")).filter(n__gt=1).order_by())
    for key in duplicates:
        sessions = list(ObservationSession.objects.filter(group_id=key["group_id"], date=key["date"],
                                                          setting=key["setting"]).order_by("-pk"))
        kept, older = sessions[0], sessions[1:]
        logged = set(PupilObservation.objects.filter(session=kept).values_list("pupil_id", flat=True))
        for session in older:
            for observation in PupilObservation.objects.filter(session=session).exclude(pupil_id__in=logged):
                observation.session = kept
                observation.save(update_fields=["session"])
                logged.add(observation.pupil_id)
            session.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_content_types_follow_the_move"),
        ("pupils", "0003_school_and_staff_in_core"),
        ("targets", "0004_school_and_staff_in_core"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="observationsession",
            name="revision",
            field=models.PositiveIntegerField(default=1),
        ),
        migrations.AlterField(
            model_name="observationsession",
            name="observed_by",
            field=models.ForeignKey(help_text="The adult who first logged the session.",
                                    on_delete=django.db.models.deletion.PROTECT, related_name="observation_sessions",
                                    to=settings.AUTH_USER_MODEL),
        ),
        migrations.RunPython(merge_duplicate_sessions, migrations.RunPython.noop),
    ]
