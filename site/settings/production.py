"""
Production: DJANGO_DEBUG defaults to false, so DJANGO_SECRET_KEY and
DJANGO_ALLOWED_HOSTS must be set or start-up fails. `wsgi.py` and `asgi.py`
use this module by default.
"""

from .base import *  # noqa: F403
