from django.apps import AppConfig


class NoticesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "notices"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models, permissions  # noqa: F401  (registers this app's permission rules)

        auditlog.register(models.NoticePreference)
