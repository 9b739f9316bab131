"""Local development: `make run` and `manage.py` use this module by default."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
# `make run` starts no worker: the learning record's jobs (the day's first "viewed"
# of a piece, forwarding) run inline here; production queues them for
# `manage.py db_worker --backend xapi`.
os.environ.setdefault(
    "DJANGO_XAPI_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
)

from .base import *  # noqa: E402,F403
