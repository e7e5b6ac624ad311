"""One session per group, day and setting (duplicates were merged by 0005); each target rating says who
chose it and how. Existing ratings were all written from the screen by the session's adult: they become
"observed", rated by that adult."""

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion
from django.db.models import OuterRef, Subquery


def rated_by_the_sessions_adult(apps, schema_editor):
    TargetRating = apps.get_model("targets", "TargetRating")
    PupilObservation = apps.get_model("targets", "PupilObservation")
    observer = PupilObservation.objects.filter(pk=OuterRef("pupil_observation_id")).values("session__observed_by_id")
    TargetRating.objects.filter(rated_by__isnull=True).update(rated_by_id=Subquery(observer[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ("targets", "0005_merge_duplicate_observation_sessions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="observationsession",
            constraint=models.CheckConstraint(condition=models.Q(("setting__in", ["group", "class", "playground",
                                                                                  "lunch"])),
                                              name="session_setting_valid"),
        ),
        migrations.AddConstraint(
            model_name="observationsession",
            constraint=models.UniqueConstraint(fields=("group", "date", "setting"),
                                               name="one_session_per_group_day_setting"),
        ),
        migrations.AddField(
            model_name="targetrating",
            name="source",
            field=models.CharField(choices=[("observed", "Observed"), ("as_last_time", "As last time (confirmed)")],
                                   default="observed", max_length=20),
        ),
        migrations.AddField(
            model_name="targetrating",
            name="rated_by",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                    to=settings.AUTH_USER_MODEL),
        ),
        migrations.RunPython(rated_by_the_sessions_adult, migrations.RunPython.noop),
    ]
