from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses and progress"

    def ready(self):
        from . import registrations, signals  # noqa: F401

        registrations.register()
