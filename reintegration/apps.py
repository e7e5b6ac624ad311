from django.apps import AppConfig


class ReintegrationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reintegration"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models, permissions  # noqa: F401  (permissions registers this app's rules)

        for model in (models.ReadinessAssessment, models.ReadinessRating, models.TransitionPlan, models.PlanWeek,
                      models.PlanSupport, models.PlanReview, models.Graduation, models.FollowUp):
            auditlog.register(model)
        auditlog.register(models.ReadinessSettings)
        auditlog.register(models.ReadinessCriterion)
