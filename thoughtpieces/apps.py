from django.apps import AppConfig


class ThoughtPiecesConfig(AppConfig):
    name = "thoughtpieces"
    verbose_name = "Thought Pieces"
