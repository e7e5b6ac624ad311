from django.apps import AppConfig


class TrustsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "trusts"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models, permissions  # noqa: F401  (registers this app's permission rules)

        auditlog.register(models.TrustReport, include_fields=["status", "term", "checksum", "requested_by"])
