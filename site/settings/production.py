"""
Production: DJANGO_DEBUG defaults to false, so DJANGO_SECRET_KEY and
DJANGO_ALLOWED_HOSTS must be set or start-up fails. `wsgi.py` and `asgi.py`
use this module by default.
"""

from .base import *  # noqa: F403

# Personal data exports are queued in the database and built by a worker:
#   manage.py db_worker --backend exports
TASKS["exports"]["BACKEND"] = env_str(  # noqa: F405
    "DJANGO_EXPORTS_TASK_BACKEND", "django_tasks_db.DatabaseBackend"
)
# Large brochures are built by a worker too:
#   manage.py db_worker --backend brochures
TASKS["brochures"]["BACKEND"] = env_str(  # noqa: F405
    "DJANGO_BROCHURES_TASK_BACKEND", "django_tasks_db.DatabaseBackend"
)
