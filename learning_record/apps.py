from django.apps import AppConfig


class LearningRecordConfig(AppConfig):
    name = "learning_record"
    verbose_name = "Learning record (xAPI)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import registrations

        registrations.register()
