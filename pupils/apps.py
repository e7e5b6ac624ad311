from django.apps import AppConfig


class PupilsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pupils"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models

        auditlog.register(models.Pupil, exclude_fields=["created_at", "updated_at"])
        auditlog.register(models.Placement)
        auditlog.register(models.SchoolClass, m2m_fields={"teachers"})
        auditlog.register(models.NurtureGroup, m2m_fields={"staff"})
        auditlog.register(models.GroupSession)
        auditlog.register(models.Referral, exclude_fields=["version"])
        auditlog.register(models.ParentContact)
        auditlog.register(models.PlacementReview)

        from . import permissions  # noqa: F401  (registers the referral rules)
