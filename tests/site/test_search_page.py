"""The search page (/search/): results grouped by kind, filters, safe highlighting,
paging, bad input, and the header search box on every page."""

import re

import pytest

from courses.factories import make_course
from iomsite.search.selectors import GROUP_PREVIEW, PAGE_SIZE, highlight, snippet
from quizzes.factories import (
    single_choice,
)
from tests.site.searching import quiz, search, titles
from thoughtpieces.factories import make_thought_piece
from thoughtpieces.models import GlossaryTerm, ThoughtPiecePage

pytestmark = pytest.mark.django_db


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
