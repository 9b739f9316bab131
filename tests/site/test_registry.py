"""The registries through which apps plug into the base (iomsite.registry)."""

import pytest
from django.test import RequestFactory

from iomsite import registry
from iomsite.registry import DemoLoader, Panel, Registry
from thoughtpieces.factories import make_thought_piece


@pytest.fixture
def restored():
    """Put every registry back as it was after the test."""
    saved = {
        name: list(value._entries)
        for name, value in vars(registry).items()
        if isinstance(value, Registry)
    }
    yield registry
    for name, entries in saved.items():
        getattr(registry, name)._entries = entries


def test_a_registry_keeps_order_then_registration_order():
    names = Registry("test")
    names.register("late", order=900)
    names.register("first", order=10)
    names.register("second", order=10)
    names.register("default")
    assert list(names) == ["first", "second", "default", "late"]
    names.unregister("second")
    assert list(names) == ["first", "default", "late"] and len(names) == 3


def test_every_app_registers_its_areas_in_the_header_order():
    assert [entry.key for entry in registry.nav_entries] == [
        "my_learning",
        "thought_pieces",
        "courses",
        "quizzes",
        "journal",
        "team",
        "thoughtpieces:glossary",
        "certificates:verify",
    ]
    assert [entry.key for entry in registry.nav_entries if entry.public] == [
        "thought_pieces",
        "courses",
        "quizzes",
        "thoughtpieces:glossary",
        "certificates:verify",
    ]


def test_the_home_page_takes_what_the_apps_register_and_nothing_else():
    from iomsite.home.models import HomePage

    allowed = {model._meta.label for model in HomePage.allowed_subpage_models()}
    assert allowed == {
        "home.StandardPage",
        "thoughtpieces.ThoughtPieceIndexPage",
        "courses.CourseIndexPage",
        "quizzes.QuizIndexPage",
    }


def test_search_kinds_come_from_the_apps_in_order():
    from iomsite.search.selectors import kinds

    assert list(kinds()) == ["pieces", "courses", "quizzes", "glossary"]


def test_each_app_declares_its_own_data_holdings():
    from iomsite.accounts.data_rights import BASE_HOLDINGS, BASE_TAIL, HOLDINGS

    base = {holding.label.split(".")[0] for holding in [*BASE_HOLDINGS, *BASE_TAIL]}
    assert not base & {"courses", "quizzes", "journals", "thoughtpieces"}
    apps = [holding.label.split(".")[0] for holding in registry.data_holdings]
    assert {"courses", "quizzes", "journals", "thoughtpieces"} <= set(apps)
    assert len(list(HOLDINGS)) == len(HOLDINGS) == len(BASE_HOLDINGS) + len(apps) + len(BASE_TAIL)


def test_demo_loaders_run_in_order_when_wanted_and_their_counts_add_up(restored, db):
    from iomsite.demo import demo_load

    ran = []
    restored.demo_loaders._entries = []  # the fixture puts the real ones back
    restored.demo_loaders.register(
        DemoLoader("late", lambda state: ran.append("late") or {"pages": 2}), order=900
    )
    restored.demo_loaders.register(
        DemoLoader("first", lambda state: ran.append("first") or {"pages": 1, "teams": 3}),
        order=10,
    )
    restored.demo_loaders.register(
        DemoLoader("accounts", lambda state: ran.append("accounts"), needs_accounts=True)
    )
    restored.demo_loaders.register(
        DemoLoader("pieces", lambda state: ran.append("pieces"), needs_pieces=True)
    )
    counts = demo_load(with_accounts=False, with_pieces=True)
    assert ran == ["first", "pieces", "late"]
    assert counts == {"pages": 3, "teams": 3, "people": 0}


def _piece_page(client, user):
    piece = make_thought_piece()
    client.force_login(user)
    return piece, client.get(piece.url).content.decode()


def test_the_journal_offers_reflect_on_this_beside_each_question(site_tree, client, practitioner):
    piece, content = _piece_page(client, practitioner)
    assert content.count("Reflect on this") == piece.questions.count() > 1
    assert "I have read this piece" in content  # courses' panel in the piece footer


def test_a_piece_page_draws_without_the_journal(restored, site_tree, client, practitioner):
    from journals.registrations import reflect_on_this

    restored.question_actions.unregister(reflect_on_this)
    restored.panels._entries = [
        item for item in restored.panels._entries if item[2].slot != "piece_footer"
    ]
    piece, content = _piece_page(client, practitioner)
    assert "Reflect on this" not in content and "I have read this" not in content
    assert piece.questions.first().text in content


def test_a_registered_action_and_panel_appear_where_their_slot_is(
    restored, settings, tmp_path, site_tree, client, practitioner
):
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "footer.html").write_text("<p>Extra footer for {{ page.title }}</p>")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}
    ]
    seen = []

    def discuss(request, questions):
        seen.append(len(questions))  # called once for all the questions
        return {question.pk: f"<b>Discuss {question.pk}</b>" for question in questions}

    restored.question_actions.register(discuss)
    restored.panels.register(Panel("piece_footer", "extra/footer.html"))
    piece, content = _piece_page(client, practitioner)
    assert seen == [piece.questions.count()]
    for question in piece.questions.all():
        assert f"<b>Discuss {question.pk}</b>" in content
    assert f"<p>Extra footer for {piece.title}</p>" in content


def test_a_new_area_joins_the_header(restored, site_tree, practitioner):
    from iomsite.context_processors import site_chrome
    from iomsite.registry import NavEntry

    restored.nav_entries.register(
        NavEntry("help", "Help", url=lambda request: "/help/", public=True), order=75
    )
    restored.nav_entries.register(NavEntry("hidden", "Hidden", url=lambda request: None))
    request = RequestFactory().get("/help/page/")
    request.user = practitioner
    items = site_chrome(request)["nav_items"]
    labels = [item["label"] for item in items]
    assert labels.index("Help") == labels.index("Glossary") + 1 and "Hidden" not in labels
    assert [item["label"] for item in items if item["current"]] == ["Help"]


def test_a_reflect_step_has_no_link_without_a_journal(restored):
    from courses.models import Step
    from courses.selectors import _step_url

    step = Step(kind="reflect", target_question_id=7)
    assert _step_url(step) == "/journal/new/?question=7"
    restored.reflection_urls._entries = []
    assert _step_url(step) is None
