from django.apps import AppConfig


class StaffConfig(AppConfig):
    """The school's own staff administration: invitations, roles, classes, leavers, two-factor resets."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "staff"

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers the staff rules)
