from django.apps import AppConfig


class ReintegrationConfig(AppConfig):
    default_auto_field = 'django.db.models.BigAutoField'
    name = 'reintegration'
