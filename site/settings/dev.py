"""Local development: `make run` and `manage.py` use this module by default."""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")

from .base import *  # noqa: E402,F403
