"""Site-wide search (/search/): every kind of content, only what may be seen,
never answers, safe highlighting, paging, bad input, fixed query counts."""

import json
import re

import pytest
import yaml
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from courses.factories import make_course, step
from iomsite.search.selectors import GROUP_PREVIEW, PAGE_SIZE, highlight, snippet
from quizzes.exchange import FORMAT, quiz_import
from quizzes.factories import (
    branching,
    classification,
    dilemma,
    make_quiz,
    quiz_index,
    single_choice,
)
from thoughtpieces.factories import make_thought_piece
from thoughtpieces.importing.document import ParsedReference
from thoughtpieces.models import GlossaryTerm, Reference, ThoughtPiecePage

pytestmark = pytest.mark.django_db

BOTTOMS = ParsedReference(
    "Bottoms, A. (2001) Compliance and community penalties.",
    authors="Bottoms, A.",
    year="2001",
    title="Compliance and community penalties",
    container="Community Penalties: Change and Challenges",
    pages="87-116",
)

PACKER = ParsedReference(
    "Packer, H. (1968) The Limits of the Criminal Sanction.",
    authors="Packer, H.",
    year="1968",
    title="The Limits of the Criminal Sanction",
)


def quiz(*, title: str, items: list[dict], introduction: str = ""):
    """A published quiz, through the quiz-file importer as a trainer would."""
    text = yaml.safe_dump(
        {"format": FORMAT, "title": title, "introduction": introduction, "items": items},
        sort_keys=False,
        allow_unicode=True,
    )
    return quiz_import(text=text, parent=quiz_index(), publish=True)


def search(client, **params):
    return client.get("/search/", params)


def results(response) -> str:
    """The result groups only (not the filters, the form or the header)."""
    content = response.content.decode()
    return "".join(
        re.findall(r'<section class="app-search-group".*?</section>', content, re.DOTALL)
    )


def titles(response) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", title)
        for title in re.findall(
            r'<h3 class="govuk-heading-s[^"]*"><a [^>]*>(.*?)</a>', results(response)
        )
    ]


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


# --- Grouping, filters, highlighting, paging ----------------------------------------------


def test_results_are_grouped_by_kind_with_counts_and_filtered(client, site_tree):
    GlossaryTerm.objects.update_or_create(
        term="IOM", defaults={"expansion": "Integrated Offender Management", "definition": ""}
    )
    make_thought_piece(title="Compliance in IOM")
    quiz(title="Curfews", introduction="Compliance in practice.", items=[single_choice()])
    make_course(title="Compliance course", modules=[])

    content = search(client, q="compliance").content.decode()
    assert "3 results for ‘compliance’" in content
    headings = re.findall(r'<h2 class="govuk-heading-m" id="group-(\w+)">', content)
    assert headings == ["pieces", "courses", "quizzes"]  # the glossary has none
    assert ">Thought Pieces (1)</a>" in content
    assert ">Glossary (0)</a>" in content
    assert 'href="?q=compliance&amp;kind=quizzes">Quizzes (1)</a>' in content

    filtered = search(client, q="compliance", kind="quizzes")
    assert titles(filtered) == ["Curfews"]
    assert "1 result in Quizzes for ‘compliance’" in filtered.content.decode()
    assert 'aria-current="true">Quizzes (1)</a>' in filtered.content.decode()
    # The form keeps the filter for the next search.
    assert '<input type="hidden" name="kind" value="quizzes">' in filtered.content.decode()


def test_every_word_must_match(client, site_tree):
    make_thought_piece(title="Proportionality in practice")
    make_thought_piece(reference="TEST/TP/2", title="Packer and proportion", references=[])
    assert titles(search(client, q="Packer Stanford")) == ["Proportionality in practice"]


def test_each_kind_shows_a_few_results_and_links_to_all_of_them(client, site_tree):
    for n in range(GROUP_PREVIEW + 2):
        make_thought_piece(reference=f"TEST/TP/{n + 1}", title=f"Piece {n + 1}")
    content = search(client, q="Packer").content.decode()
    assert len(titles(search(client, q="Packer"))) == GROUP_PREVIEW
    assert f"See all {GROUP_PREVIEW + 2} results in Thought Pieces" in content


def test_one_kind_is_paged(client, site_tree):
    for n in range(PAGE_SIZE + 2):
        make_thought_piece(reference=f"TEST/TP/{n + 1}", title=f"Piece {n + 1:02}")
    first = search(client, q="Packer", kind="pieces")
    assert len(titles(first)) == PAGE_SIZE
    content = first.content.decode()
    assert '<nav class="govuk-pagination"' in content
    assert 'href="?q=Packer&amp;kind=pieces&amp;page=2" rel="next"' in content
    assert 'aria-label="Page 1" aria-current="page"' in content

    second = search(client, q="Packer", kind="pieces", page="2")
    assert len(titles(second)) == 2
    assert set(titles(first)).isdisjoint(titles(second))
    assert "(page 2 of 2)" in second.content.decode()


def test_highlighting_escapes_before_marking():
    assert (
        highlight("<b>Bottoms</b> & bottom-up", ["bottom"])
        == "&lt;b&gt;<mark>Bottoms</mark>&lt;/b&gt; &amp; <mark>bottom</mark>-up"
    )
    # A term that is part of an entity never splits it.
    assert highlight("Tom & Jerry", ["amp"]) == "Tom &amp; Jerry"
    long = "word " * 100 + "Bottoms said so. " + "more " * 100
    short = snippet([long], ["bottoms"])
    assert "<mark>Bottoms</mark> said so." in short
    assert short.startswith("…") and short.endswith("…")
    assert len(short) < 300


def test_neither_the_query_nor_the_content_can_add_markup(client, site_tree):
    piece = ThoughtPiecePage.objects.get(pk=make_thought_piece().pk)
    piece.title = "<script>alert(1)</script> Scripts"  # as typed in the editor
    piece.abstract = 'Quoting <img src=x onerror="alert(2)"> in an abstract about Packer.'
    piece.save_revision().publish()

    response = search(client, q="Packer scripts")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert" not in content
    assert "<img src=x" not in content
    # Shown as typed, escaped, the searched words marked.
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <mark>Scripts</mark>" in content
    assert "Quoting &lt;img src=x onerror=&quot;alert(2)&quot;&gt; in" in content

    reflected = search(client, q='"><script>alert(3)</script><mark>x</mark> Packer')
    content = reflected.content.decode()
    assert reflected.status_code == 200
    assert "<script>alert(3)" not in content
    assert "<mark>x</mark>" not in content
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in content  # in the summary and the box


# --- Bad input -------------------------------------------------------------------------------


def test_the_page_without_a_query_explains_what_it_searches(client, site_tree):
    response = search(client)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Search Thought Pieces" in content
    assert "There is a problem" not in content


def test_an_empty_query_asks_for_words(client, site_tree):
    response = search(client, q="   ")
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content
    assert '<a href="#id_q">Enter a word or words to search for</a>' in content


def test_a_too_long_query_is_refused_clearly(client, site_tree):
    for length in (201, 5000):
        response = search(client, q="a" * length)
        assert response.status_code == 400
        content = response.content.decode()
        assert "Search for 200 characters or fewer" in content
        assert "<title>Error: Search – IOM Compass</title>" in content


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unbalanced',
        "*",
        "compliance*",
        "NEAR(a b)",
        "a AND OR NOT b",
        "-minus +plus",
        "col:umn",
        "^caret",
        "(((",
        "'; DROP TABLE wagtailcore_page; --",
        "‘curly’ “quotes”",
        "émigré naïve",
        "😀",
        "%_%",
        "\\",
        "a & b | c ! d",
        "<->",
        "x" * 199,
    ],
)
def test_odd_characters_never_break_the_search(client, site_tree, query):
    make_thought_piece()
    response = search(client, q=query)
    assert response.status_code == 200
    assert "There is a problem" not in response.content.decode()


def test_symbols_alone_ask_for_words(client, site_tree):
    content = search(client, q="*** ???").content.decode()
    assert "Nothing to search for" in content


def test_a_null_character_is_refused(client, site_tree):
    response = search(client, q="Packer\x00")
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "-1", "9999", "1.5", ""])
def test_any_page_number_gives_a_page(client, site_tree, page):
    for n in range(3):
        make_thought_piece(reference=f"TEST/TP/{n + 1}", title=f"Piece {n + 1}")
    response = search(client, q="Packer", kind="pieces", page=page)
    assert response.status_code == 200
    assert len(titles(response)) == 3


def test_an_unknown_kind_shows_everything(client, site_tree):
    make_thought_piece()
    response = search(client, q="Packer", kind="nonsense")
    assert response.status_code == 200
    assert titles(response) == ["Proportionality in practice"]


def test_searching_is_rate_limited_per_address(client, site_tree, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": ("100/m", "2/m")}
    assert search(client, q="one").status_code == 200
    assert search(client).status_code == 200  # no search run: not counted
    assert search(client, q="two").status_code == 200
    response = search(client, q="three")
    assert response.status_code == 429


# --- Every page has the header box ----------------------------------------------------------


def test_the_header_search_box_is_on_every_page(client, site_tree, practitioner):
    piece = make_thought_piece()
    box = '<form class="app-header__search" method="get" action="/search/" role="search"'
    for url in ["/", piece.url, "/glossary/", "/account/sign-in/", "/no-such-page/"]:
        assert box in client.get(url).content.decode(), url
    client.force_login(practitioner)
    assert box in client.get("/learning/").content.decode()


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
