from django.apps import AppConfig


class TeamsConfig(AppConfig):
    name = "iomsite.teams"
    label = "teams"
    verbose_name = "Teams"
