from django.apps import AppConfig


class TransfersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "transfers"
    verbose_name = "Records that follow the child"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models, permissions  # noqa: F401  (permissions registers this app's rules)

        auditlog.register(models.RecordTransfer, exclude_fields=["pack"])
        auditlog.register(models.ReceivedRecord, exclude_fields=["sections"])
