"""With REDIS_URL set, the cache and sessions use a real Redis server."""

import socket

import pytest
from django.core.cache import caches
from django.test import override_settings

REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_is_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


pytestmark = pytest.mark.skipif(not redis_is_up(), reason="no Redis on 127.0.0.1:6379")

REDIS_SETTINGS = {
    "CACHES": {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "compass-test",
        }
    },
    "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
}


@pytest.mark.django_db
def test_sessions_survive_in_redis_and_the_database(client, practitioner):
    with override_settings(**REDIS_SETTINGS):
        caches["default"].clear()
        client.force_login(practitioner)
        assert client.get("/learning/").status_code == 200
        session_key = client.session.session_key
        assert caches["default"].get(f"django.contrib.sessions.cached_db{session_key}")
        caches["default"].clear()  # Redis restarted: the database copy still signs you in
        assert client.get("/learning/").status_code == 200
        caches["default"].clear()
