"""
Issue 12: brochures are built once per set of piece revisions, large sets in the
background, and builds are rate-limited (anonymous visitors included).
"""

import pytest
from django.test import override_settings

from thoughtpieces import brochure, views
from thoughtpieces.factories import make_thought_piece

URL = "/thought-pieces/brochure/"


@pytest.fixture
def builds(monkeypatch):
    """Counts WeasyPrint builds (through the real builder)."""
    calls = []
    real = brochure.brochure_pdf

    def counting(**kwargs):
        calls.append([item["page"].pk for item in kwargs["pieces"]])
        return real(**kwargs)

    monkeypatch.setattr(views, "brochure_pdf", counting)
    return calls


def _pieces(count: int):
    return [make_thought_piece(reference=f"LOAD/TP/{i}", title=f"Piece {i}") for i in range(count)]


def test_a_second_request_for_the_same_set_builds_nothing(client, site_tree, builds):
    first, second = _pieces(2)
    one = client.get(URL, {"piece": [first.pk, second.pk]})
    assert one.status_code == 200
    again = client.get(URL, {"piece": [second.pk, first.pk]})  # the same set, other order
    assert again.status_code == 200
    assert again.content == one.content
    assert len(builds) == 1
    client.get(URL, {"piece": [first.pk]})  # another set is another build
    assert len(builds) == 2


def test_a_new_revision_of_a_piece_makes_a_new_brochure(client, site_tree, builds):
    (piece,) = _pieces(1)
    client.get(URL, {"piece": [piece.pk]})
    piece.title = "Piece 0, revised"
    piece.save_revision().publish()
    response = client.get(URL, {"piece": [piece.pk]})
    assert response.status_code == 200
    assert len(builds) == 2
    client.get(URL, {"piece": [piece.pk]})
    assert len(builds) == 2


@override_settings(RATE_LIMITS={"default": ("30/m", "300/m"), "brochure": ("2/h", "50/h")})
def test_an_anonymous_visitor_past_the_build_rate_gets_429(client, site_tree, builds):
    pieces = _pieces(3)
    assert client.get(URL, {"piece": [pieces[0].pk]}).status_code == 200
    assert client.get(URL, {"piece": [pieces[1].pk]}).status_code == 200
    refused = client.get(URL, {"piece": [pieces[2].pk]})
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert len(builds) == 2
    # A brochure already made is still served: it costs a file read.
    assert client.get(URL, {"piece": [pieces[0].pk]}).status_code == 200


@override_settings(
    BROCHURE_BACKGROUND_PIECES=2,
    TASKS={
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "exports": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "brochures": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
    },
)
def test_a_large_selection_is_queued_and_the_visitor_asked_to_check_again(
    client, site_tree, builds
):
    from django_tasks import task_backends

    pieces = _pieces(3)
    params = {"piece": [p.pk for p in pieces]}
    response = client.get(URL, params)
    assert response.status_code == 202
    page = response.content.decode()
    assert "Your brochure is being prepared" in page
    assert 'href="/thought-pieces/brochure/?piece=' in page  # a plain link, no script
    backend = task_backends["brochures"]
    assert len(backend.results) == 1
    assert sorted(backend.results[0].args[0]) == sorted(p.pk for p in pieces)
    assert builds == []  # nothing built in the request
    client.get(URL, params)  # asking again does not queue it twice
    assert len(backend.results) == 1

    from thoughtpieces.tasks import brochure_build

    brochure_build.call([p.pk for p in pieces])  # what the worker does
    ready = client.get(URL, params)
    assert ready.status_code == 200
    assert ready.content.startswith(b"%PDF-")


@override_settings(BROCHURE_BACKGROUND_PIECES=1)
def test_where_tasks_run_at_once_a_large_selection_downloads_directly(client, site_tree):
    pieces = _pieces(2)
    response = client.get(URL, {"piece": [p.pk for p in pieces]})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
