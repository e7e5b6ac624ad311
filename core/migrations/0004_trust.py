"""Trusts become records: each distinct trust name a school carried becomes a Trust, and the school points at it.
A trust leader is a user of a trust (not of a school)."""

import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify


def names_to_trusts(apps, schema_editor):
    School = apps.get_model("core", "School")
    Trust = apps.get_model("core", "Trust")
    for name in School.objects.exclude(trust_name="").values_list("trust_name", flat=True).distinct():
        trust = Trust.objects.create(name=name, slug=slugify(name)[:50] or "trust")
        School.objects.filter(trust_name=name).update(trust=trust)


def trusts_to_names(apps, schema_editor):
    School = apps.get_model("core", "School")
    for school in School.objects.exclude(trust=None).select_related("trust"):
        school.trust_name = school.trust.name
        school.save(update_fields=["trust_name"])


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0003_submission_token"),
    ]

    operations = [
        migrations.CreateModel(
            name="Trust",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200, unique=True)),
                ("slug", models.SlugField(unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={"ordering": ["name"]},
        ),
        migrations.RenameField(model_name="school", old_name="trust", new_name="trust_name"),
        migrations.AddField(
            model_name="school",
            name="trust",
            field=models.ForeignKey(blank=True, help_text="The multi-academy trust, if any.", null=True,
                                    on_delete=django.db.models.deletion.PROTECT, related_name="schools",
                                    to="core.trust"),
        ),
        migrations.RunPython(names_to_trusts, trusts_to_names),
        migrations.RemoveField(model_name="school", name="trust_name"),
        migrations.AddField(
            model_name="user",
            name="trust",
            field=models.ForeignKey(blank=True, help_text="For trust leaders only: the trust whose schools' aggregates they see.",
                                    null=True, on_delete=django.db.models.deletion.PROTECT, related_name="leaders",
                                    to="core.trust"),
        ),
        migrations.RemoveConstraint(model_name="user", name="user_belongs_to_a_school_unless_superuser"),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.CheckConstraint(
                condition=models.Q(("school__isnull", False), ("trust__isnull", False), ("is_superuser", True),
                                   _connector="OR"),
                name="user_belongs_to_a_school_or_trust_unless_superuser"),
        ),
        migrations.AddConstraint(
            model_name="user",
            constraint=models.CheckConstraint(
                condition=models.Q(("school__isnull", True), ("trust__isnull", True), _connector="OR"),
                name="user_of_a_school_or_a_trust_not_both"),
        ),
        migrations.AlterField(
            model_name="staffrole",
            name="role",
            field=models.CharField(choices=[("senco", "SENCO"), ("nurture_staff", "Nurture staff"),
                                            ("class_teacher", "Class teacher"), ("senior_leader", "Senior leader"),
                                            ("governor", "Governor"), ("school_admin", "School admin"),
                                            ("trust_leader", "Trust leader")], max_length=20),
        ),
    ]
