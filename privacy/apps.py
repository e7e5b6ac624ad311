from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "privacy"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import checks, models, permissions  # noqa: F401  (rules and system checks register on import)

        auditlog.register(models.SchoolPrivacySettings)
        auditlog.register(models.SubjectAccessExport, exclude_fields=["file"])
        auditlog.register(models.ExpiredRecord)
