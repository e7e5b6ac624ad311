from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "casework"
    verbose_name = "Case notes and meetings"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import models, permissions  # noqa: F401  (permissions registers this app's rules)

        for model in (models.CaseNote, models.Meeting, models.MeetingAction):
            auditlog.register(model)
