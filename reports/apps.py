from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models, permissions  # noqa: F401  (registers this app's permission rules)

        for model in (models.TermCost, models.CostLine, models.FundingLine, models.AlternativeCost,
                      models.TermNarrative, models.ReportSettings):
            auditlog.register(model)
        auditlog.register(models.GovernorReport, include_fields=["status", "term", "checksum", "requested_by"])
