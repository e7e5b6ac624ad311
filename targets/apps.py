from django.apps import AppConfig


class TargetsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "targets"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models, permissions  # noqa: F401  (permissions registers this app's rules)

        auditlog.register(models.Target)
        auditlog.register(models.TargetVersion)
        auditlog.register(models.TargetReview)
        auditlog.register(models.PupilProfile)
        auditlog.register(models.PupilObservation)
        auditlog.register(models.TargetRating)
