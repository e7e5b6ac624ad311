from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The ground floor every app stands on: schools, staff, terms, audit, lifecycles, charts, logs."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "School and staff"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from . import logs, models

        auditlog.register(models.School)
        auditlog.register(models.StaffRole)
        auditlog.register(models.User, exclude_fields=["password", "last_login"])
        logs.connect()
        from django.contrib.auth.signals import user_logged_in

        from .sessions import note_activity_at_sign_in

        user_logged_in.connect(note_activity_at_sign_in, dispatch_uid="core.sessions.sign_in")
