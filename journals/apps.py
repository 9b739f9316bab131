from django.apps import AppConfig


class JournalsConfig(AppConfig):
    name = "journals"
    verbose_name = "Reflective journals"

    def ready(self):
        from . import registrations

        registrations.register()
