from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "iomsite.home"
    label = "home"
    verbose_name = "Home and site pages"
