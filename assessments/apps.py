from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "assessments"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models, permissions  # noqa: F401  (permissions registers this app's rules)

        auditlog.register(models.SdqAssessment)
        auditlog.register(models.BoxallProfile)
        auditlog.register(models.BoxallSettings)
        auditlog.register(models.AttainmentRecord)
        auditlog.register(models.AttendanceRecord)
        auditlog.register(models.Incident)
        auditlog.register(models.InstrumentLicence)
