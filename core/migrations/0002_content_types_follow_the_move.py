"""The content types of the moved models follow them, so their permissions and audit entries stay theirs."""

from django.db import migrations

MOVED = ("school", "user", "staffrole")


def follow(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(schema_editor.connection.alias)
    for model in MOVED:
        if not content_types.filter(app_label="core", model=model).exists():
            content_types.filter(app_label="pupils", model=model).update(app_label="core")


def back(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType").objects.using(schema_editor.connection.alias)
    for model in MOVED:
        if not content_types.filter(app_label="pupils", model=model).exists():
            content_types.filter(app_label="core", model=model).update(app_label="pupils")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial"), ("contenttypes", "0002_remove_content_type_name")]
    operations = [migrations.RunPython(follow, back)]
