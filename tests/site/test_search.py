"""Site-wide search (/search/): every kind of content is found, only what is live and
may be seen, never answers; query counts that do not grow with the data."""

import json

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from courses.factories import make_course, step
from iomsite.search.selectors import PAGE_SIZE
from quizzes.factories import (
    branching,
    classification,
    dilemma,
    make_quiz,
    single_choice,
)
from tests.site.searching import BOTTOMS, PACKER, quiz, results, search, titles
from thoughtpieces.factories import make_thought_piece
from thoughtpieces.models import GlossaryTerm, Reference, ThoughtPiecePage

pytestmark = pytest.mark.django_db


# --- Each kind of content --------------------------------------------------------------


def test_a_word_from_a_reference_finds_the_piece(client, site_tree):
    make_thought_piece(title="Four kinds of compliance", references=[BOTTOMS, PACKER])
    make_thought_piece(reference="TEST/TP/2", title="An unrelated piece", references=[])

    response = search(client, q="Bottoms")
    assert response.status_code == 200
    assert titles(response) == ["Four kinds of compliance"]
    assert "<mark>Bottoms</mark>, A." in results(response)  # the snippet shows the reference
    assert titles(search(client, q="Packer")) == ["Four kinds of compliance"]  # the factory's


@pytest.mark.parametrize(
    "words",
    [
        "intrusion",  # abstract
        "barge",  # a quotation in the body
        "Okafor",  # an author
        "decides",  # a question to consider
        "Stanford",  # a reference's publisher
    ],
)
def test_every_part_of_a_piece_is_searched(client, site_tree, words):
    make_thought_piece()
    assert titles(search(client, q=words)) == ["Proportionality in practice"]


def test_a_quiz_is_found_by_its_question_text_never_by_its_answers_or_feedback(client, site_tree):
    quiz(
        title="Compliance check",
        introduction="Practise naming compliance.",
        items=[
            single_choice(
                prompt="Which type of compliance is a curfew with a tag?",
                scenario="Marcus lives in a hostel.",
                feedback="Overall: electronic monitoring constrains.",
            ),
            classification(),
            dilemma(),
            branching(),
        ],
    )
    for found in ["curfew", "hostel", "Practise", "gym", "unannounced", "Craig"]:
        assert titles(search(client, q=found)) == ["Compliance check"], found

    for hidden in [
        "internalised",  # an option's feedback
        "Constraint",  # the correct option's text (and a category)
        "electronic",  # the item's overall feedback
        "calculation",  # a vignette's common mistake
        "weighs",  # a vignette's explanation
        "deter",  # a dilemma perspective
        "barge",  # nothing at all
        "Recalled",  # a branching node the choices lead to
        "Enforcement",  # an ending's debrief
    ]:
        response = search(client, q=hidden)
        assert "Compliance check" not in titles(response), hidden
        assert response.status_code == 200


def test_a_quiz_snippet_never_shows_feedback(client, site_tree):
    make_quiz(title="Curfews", items=[single_choice()])
    snippet_html = results(search(client, q="curfew"))
    assert "<mark>curfew</mark>" in snippet_html
    assert "It limits what they can do" not in snippet_html


def test_a_glossary_term_is_found_by_term_and_by_definition(client, site_tree):
    GlossaryTerm.objects.update_or_create(
        term="MAPPA",
        defaults={
            "expansion": "Multi-Agency Public Protection Arrangements",
            "definition": "How police, probation and prisons manage violent and sexual offenders.",
        },
    )
    for word in ["MAPPA", "violent", "Arrangements"]:
        response = search(client, q=word, kind="glossary")
        assert titles(response) == ["MAPPA"], word
    assert 'href="/glossary/#term-mappa"' in results(search(client, q="MAPPA"))


def test_courses_and_modules_are_found_by_title_and_summary(client, site_tree):
    course = make_course(
        title="Induction to IOM",
        modules=[{"title": "Working together", "steps": [step("offline", title="Meet the team")]}],
    )
    module = course.get_children().specific().get()
    module.summary = "How police and probation share one caseload under MAPPA rules."
    module.save_revision().publish()

    response = search(client, q="caseload")
    assert titles(response) == ["Working together"]
    assert "Module · Part of Induction to IOM" in results(response)
    assert titles(search(client, q="Induction")) == ["Induction to IOM"]  # its summary too


# --- Only what is live and may be seen ---------------------------------------------------


def test_a_draft_is_never_found(client, site_tree):
    make_thought_piece(title="A draft on desistance", publish=False)
    live = make_thought_piece(reference="TEST/TP/2", title="A live piece")
    draft = ThoughtPiecePage.objects.get(pk=live.pk)
    draft.abstract = "Now about desistance."
    draft.save_revision()  # saved, not published

    assert titles(search(client, q="desistance")) == []
    assert "No results" in search(client, q="desistance").content.decode()
    assert titles(search(client, q="intrusion")) == ["A live piece"]  # the live text still


def test_an_unpublished_page_is_no_longer_found(client, site_tree):
    piece = make_thought_piece()
    ThoughtPiecePage.objects.get(pk=piece.pk).unpublish()
    assert titles(search(client, q="Packer")) == []


def test_a_republished_piece_is_found_by_its_new_reference(client, site_tree):
    """Child rows are saved after the page's own post_save: the index follows them."""
    piece = make_thought_piece(references=[])
    assert titles(search(client, q="Bottoms")) == []
    page = ThoughtPiecePage.objects.get(pk=piece.pk)
    page.references.add(Reference(authors="Bottoms, A.", year="2001", title="Compliance"))
    page.save_revision().publish()
    assert titles(search(client, q="Bottoms")) == ["Proportionality in practice"]


def test_a_private_page_is_not_found_by_an_anonymous_visitor(client, site_tree, practitioner):
    piece = make_thought_piece(title="For staff only")
    PageViewRestriction.objects.create(page=piece, restriction_type=PageViewRestriction.LOGIN)

    assert titles(search(client, q="Packer")) == []
    client.force_login(practitioner)
    assert titles(search(client, q="Packer")) == ["For staff only"]


def test_a_page_for_one_group_is_found_only_by_its_members(
    client, site_tree, practitioner, trainer
):
    piece = make_thought_piece(title="For trainers")
    restriction = PageViewRestriction.objects.create(
        page=piece, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(*trainer.groups.all())
    password = make_thought_piece(reference="TEST/TP/2", title="Behind a password")
    PageViewRestriction.objects.create(
        page=password, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    client.force_login(practitioner)
    assert titles(search(client, q="Packer")) == []
    client.force_login(trainer)
    assert titles(search(client, q="Packer")) == ["For trainers"]


def test_a_restricted_section_hides_everything_beneath_it(client, site_tree):
    make_quiz(title="Curfews", items=[single_choice()])
    index = make_quiz(title="Second", items=[single_choice()]).get_parent()
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    assert titles(search(client, q="curfew")) == []


# --- Query counts do not grow with the data ----------------------------------------------------


def _content_of_size(n: int) -> None:
    for i in range(n):
        make_thought_piece(
            reference=f"SIZE/{n}/{i}",
            title=f"Compliance piece {i}",
            questions=["What is compliance?", "Who decides?"],
        )
        make_quiz(
            title=f"Compliance quiz {i}",
            items=[single_choice(prompt="Which compliance is a curfew?"), dilemma()],
        )
        GlossaryTerm.objects.create(
            term=f"C{n}X{i}", expansion="Compliance term", definition="About compliance."
        )
    make_course(
        title=f"Compliance course {n}",
        modules=[
            {"title": f"Compliance module {n}-{i}", "steps": [step("offline", title="Do it")]}
            for i in range(n)
        ],
    )


def _queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = search(client, **params)
    assert response.status_code == 200
    return len(captured)


SHAPES = [{}, {"kind": "pieces"}, {"kind": "courses"}, {"kind": "quizzes"}, {"kind": "glossary"}]


def test_the_same_search_costs_the_same_queries_at_any_size(client, site_tree, practitioner):
    """Every kind shown, and each kind alone, with a little and with a lot matching
    (more than a page of each, modules of a course included)."""
    client.force_login(practitioner)
    _content_of_size(2)
    search(client, q="compliance")  # warm the per-process caches
    small = {str(shape): _queries(client, q="compliance", **shape) for shape in SHAPES}

    _content_of_size(PAGE_SIZE + 5)
    search(client, q="compliance")  # the publishes emptied the site-chrome cache
    large = {str(shape): _queries(client, q="compliance", **shape) for shape in SHAPES}
    content = search(client, q="compliance").content.decode()
    assert f"Thought Pieces ({PAGE_SIZE + 7})</a>" in content
    assert f"Quizzes ({PAGE_SIZE + 7})</a>" in content
    assert large == small
    assert max(large.values()) <= 30, large


def test_a_quiz_with_a_linked_discussion_question_costs_no_extra_query(client, site_tree):
    """A dilemma's chosen question is a chooser: the snippet reads stored text only."""
    make_thought_piece()
    link = {"piece": "TEST/TP/1", "number": 1}
    make_quiz(title="One", items=[dilemma(discussion_question=link)])
    search(client, q="unannounced", kind="quizzes")  # warm the per-process caches
    before = _queries(client, q="unannounced", kind="quizzes")
    make_quiz(title="Two", items=[dilemma(discussion_question=link)])
    make_quiz(title="Three", items=[dilemma(discussion_question=link)])
    search(client, q="unannounced", kind="quizzes")  # publishes empty the site-chrome cache
    assert _queries(client, q="unannounced", kind="quizzes") == before


def test_the_index_holds_no_answer_text(site_tree):
    quiz = make_quiz(title="Compliance check", items=[single_choice(), classification()])
    indexed = quiz.get_items_for_search()
    assert "curfew" in indexed and "Jo attends" in indexed
    stored = json.dumps(list(quiz.items.raw_data))
    assert "It limits what they can do" in stored  # the feedback is there...
    assert "It limits what they can do" not in indexed  # ...but never indexed
    assert "Constraint-based" not in indexed


def test_a_group_restriction_check_reads_the_groups_once(client, site_tree, practitioner):
    for n in range(3):
        piece = make_thought_piece(reference=f"TEST/TP/{n + 1}", title=f"Piece {n + 1}")
        restriction = PageViewRestriction.objects.create(
            page=piece, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.add(Group.objects.get_or_create(name=f"Group {n}")[0])
    client.force_login(practitioner)
    assert titles(search(client, q="Packer")) == []


def test_the_demo_content_is_searchable_as_loaded(client, settings):
    """`load_demo` publishes through Wagtail, so the index holds every child row."""
    from django.core.management import call_command

    settings.DEBUG = False
    call_command("load_demo", "--content-only")
    for word in ["Bottoms", "Packer", "Gelsthorpe", "Cullompton"]:  # the last two: references only
        response = search(client, q=word, kind="pieces")
        assert titles(response), word
    content = search(client, q="compliance").content.decode()
    for kind in ["pieces", "courses", "quizzes"]:
        assert f'id="group-{kind}"' in content, kind
    assert titles(search(client, q="MAPPA", kind="glossary")) == ["MAPPA"]
