from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = "Quizzes and scenarios"

    def ready(self):
        from . import registrations

        registrations.register()
