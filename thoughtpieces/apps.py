from django.apps import AppConfig


class ThoughtPiecesConfig(AppConfig):
    name = "thoughtpieces"
    verbose_name = "Thought Pieces"

    def ready(self):
        from . import registrations, signals

        registrations.register()
        signals.connect()
