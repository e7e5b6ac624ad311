from django.apps import AppConfig


class TargetsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "targets"

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers this app's permission rules)
