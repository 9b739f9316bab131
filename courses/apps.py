from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses and progress"

    def ready(self):
        from . import signals  # noqa: F401
