"""A piece's page is rendered once per published revision and glossary (issue 15)."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.factories import make_course, step
from thoughtpieces import rendering
from thoughtpieces.factories import parsed_piece
from thoughtpieces.importing.document import ParsedBlock
from thoughtpieces.models import GlossaryTerm, ThoughtPiecePage

from .conftest import make_thought_piece

ROOT = Path(__file__).resolve().parents[2]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _publish_new_text(page, text: str) -> None:
    page = page.get_latest_revision_as_object()
    body = list(page.body.raw_data)
    body[1] = {**body[1], "value": f"<p>{text}</p>"}
    page.body = json.dumps(body)
    page.save_revision().publish()


def _long_piece():
    return make_thought_piece(
        reference="TEST/TP/2",
        title="A much longer piece",
        blocks=parsed_piece().blocks * 12,
        questions=[f"Question {n}?" for n in range(15)],
    )


def _page(client, url) -> bytes:
    """The page, less the CSP nonce that differs on every response."""
    content = re.sub(rb'nonce="[^"]*"', b"", client.get(url).content)
    return re.sub(rb'"X-CSRFToken": "[^"]*"', b"", content)


def test_the_cached_page_is_byte_identical_to_the_uncached_one(client, piece, monkeypatch):
    first = _page(client, piece.url)  # fills the cache
    cached = _page(client, piece.url)
    monkeypatch.setattr(rendering, "piece_key", lambda page: None)
    uncached = _page(client, piece.url)
    assert cached == first == uncached


def test_a_publish_shows_the_new_text_at_once(client, piece):
    assert "touches family life" in client.get(piece.url).content.decode()
    _publish_new_text(piece, "A freshly published sentence.")
    content = client.get(piece.url).content.decode()
    assert "A freshly published sentence." in content
    assert "touches family life" not in content


def test_a_publish_deletes_the_old_entry(client, piece):
    client.get(piece.url)
    old = cache.get(rendering.CURRENT_KEY.format(pk=piece.pk))
    assert old and cache.get(old) is not None
    _publish_new_text(piece, "Newer.")
    assert cache.get(old) is None


def test_a_glossary_change_shows_at_once(client, site_tree):
    page = make_thought_piece(blocks=[ParsedBlock("paragraph", "<p>The XYZZ matters.</p>")])
    assert "<abbr" not in client.get(page.url).content.decode()
    term = GlossaryTerm.objects.create(term="XYZZ", expansion="Xylophone Zone")
    assert 'title="Xylophone Zone"' in client.get(page.url).content.decode()
    term.expansion = "Xenon Zero"
    term.save()
    assert 'title="Xenon Zero"' in client.get(page.url).content.decode()
    term.delete()
    assert "<abbr" not in client.get(page.url).content.decode()


def test_a_preview_neither_reads_nor_fills_the_cache(client, piece, monkeypatch):
    """Through Wagtail's preview path (`make_preview_request`, what the admin's
    preview view calls once its form data is in the session)."""
    client.get(piece.url)
    # As the admin's preview does: the live page with the edit form's data applied
    # in memory (so it carries the live revision's id the cache key is made from).
    draft = ThoughtPiecePage.objects.get(pk=piece.pk)
    assert draft.live_revision_id
    body = list(draft.body.raw_data)
    body[1] = {**body[1], "value": "<p>Only in the draft.</p>"}
    draft.body = json.dumps(body)
    writes = []
    monkeypatch.setattr(rendering.cache, "set_many", lambda *a, **k: writes.append(a))
    reads = []
    real_get = rendering.cache.get
    monkeypatch.setattr(
        rendering.cache,
        "get",
        lambda key, *a, **k: reads.append(key) or real_get(key, *a, **k),
    )
    response = draft.make_preview_request()
    assert response.status_code == 200
    response.render()
    assert "Only in the draft." in response.content.decode()
    assert writes == []
    assert not [key for key in reads if key.startswith("thoughtpieces:piece:")]


def test_query_counts_are_flat_and_small(client, site_tree, practitioner):
    short, long = make_thought_piece(), _long_piece()
    make_course(modules=[{"title": "Reading", "steps": [step("read", 20, piece=long.pk)]}])
    for page in (short, long):
        client.get(page.url)
    anonymous = {_queries(client, short.url), _queries(client, long.url)}
    client.force_login(practitioner)
    for page in (short, long):
        client.get(page.url)
    signed_in = {_queries(client, short.url), _queries(client, long.url)}
    assert len(anonymous) == 1 and len(signed_in) == 1, (anonymous, signed_in)
    # Issue 15's ceilings: 5 anonymous, 10 signed in, whether or not a course step.
    assert anonymous.pop() <= 5
    assert signed_in.pop() <= 10


SCRIPT = """
import django, sys
django.setup()
from django.conf import settings
settings.ALLOWED_HOSTS = ["*"]
from django.test import Client
client = Client()
for line in sys.stdin:
    print(client.get(line.strip()).content.decode().count(sys.argv[1]), flush=True)
"""


@pytest.mark.django_db(transaction=True)
def test_a_publish_reaches_every_server_sharing_redis(site_tree, settings, tmp_path):
    """Process A (a subprocess) renders and caches; this process publishes; A's
    next render shows the new text."""
    url = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/13")
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception:
        pytest.skip("Redis is not reachable")
    db = connection.settings_dict
    database = str(db["NAME"])
    if connection.vendor == "postgresql":  # the test database, committed (transaction=True)
        database_url = (
            f"postgres://{db['USER'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
            f"/{database}"
        )
    elif connection.vendor == "sqlite" and not (
        ":memory:" in database or "mode=memory" in database
    ):
        database_url = f"sqlite:///{database}"
    else:
        pytest.skip("needs a database both processes can open (PostgreSQL or a SQLite file)")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "compass",
        }
    }
    # (Django resets its cache handler on this setting change: `cache` is Redis now.)
    cache.clear()
    piece = make_thought_piece()
    env = {**os.environ, "REDIS_URL": url, "DATABASE_URL": database_url}
    env["DJANGO_SETTINGS_MODULE"] = "iomsite.settings.test"
    other = subprocess.Popen(
        [sys.executable, "-c", SCRIPT, "A newer sentence"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(2):
            other.stdin.write(piece.url + "\n")
            other.stdin.flush()
            assert other.stdout.readline().strip() == "0"
        # Process A filled the shared cache: this process sees its entry.
        filled = cache.get(rendering.CURRENT_KEY.format(pk=piece.pk))
        assert filled and cache.get(filled) is not None
        _publish_new_text(piece, "A newer sentence")
        other.stdin.write(piece.url + "\n")
        other.stdin.flush()
        assert other.stdout.readline().strip() == "1"
    finally:
        other.stdin.close()
        other.wait(timeout=30)
        cache.clear()
