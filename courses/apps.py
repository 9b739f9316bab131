from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses and progress"

    def ready(self):
        from learning_record.subscribers import subscribe

        from . import registrations, signals  # noqa: F401
        from .services import CourseProgressSubscriber

        registrations.register()
        subscribe(CourseProgressSubscriber())
