"""Every target rating names the adult who chose it (backfilled by 0006)."""

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ("targets", "0006_one_session_per_group_day_and_rating_source"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="targetrating",
            name="rated_by",
            field=models.ForeignKey(help_text="The adult who chose the rating (or confirmed last time's).",
                                    on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                    to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddConstraint(
            model_name="targetrating",
            constraint=models.CheckConstraint(condition=models.Q(("source__in", ["observed", "as_last_time"])),
                                              name="target_rating_source_valid"),
        ),
    ]
