from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("targets", "0002_targetrating_observed_on")]

    operations = [
        migrations.AlterField(model_name="targetrating", name="observed_on", field=models.DateField(editable=False)),
        migrations.AddIndex(model_name="targetrating", index=models.Index(
            fields=["target", "-observed_on", "-id"], name="target_latest_rating")),
    ]
