"""A Thought Piece's page, the library, search, glossary and brochure."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thoughtpieces.factories import make_thought_piece, parsed_piece
from thoughtpieces.importing.document import ParsedBlock
from thoughtpieces.models import GlossaryTerm, Reference

pytestmark = pytest.mark.django_db


def test_a_piece_shows_reference_version_authors_and_contents(client, piece):
    content = client.get(piece.url).content.decode()
    assert "Thought Piece TEST/TP/1/1.0" in content
    assert "Sam Okafor" in content and "Northmoor IOM" in content
    assert re.search(
        r'<a class="govuk-link" href="#section-why-it-matters">Why it matters</a>', content
    )
    assert '<h2 class="govuk-heading-l" id="section-why-it-matters">Why it matters</h2>' in content
    assert 'href="#questions-to-consider">Questions to consider</a>' in content
    assert "Last updated" in content
    assert "1 minute" in content


def test_every_block_renders(client, piece):
    content = client.get(piece.url).content.decode()
    assert '<figcaption class="app-quote__attribution">Police officer</figcaption>' in content
    assert re.search(r'<th [^>]*scope="col"[^>]*>Crime Control</th>', content)
    assert '<td class="govuk-table__cell">Protect rights first</td>' in content
    assert "Article 8" in content and "<li>Limits on interference.</li>" in content
    assert '<ul class="govuk-list govuk-list--bullet"><li>Necessary</li>' in content
    assert '<ol class="govuk-list govuk-list--number"><li>Assess</li>' in content
    assert "Balance is a daily judgement." in content


def test_a_figure_without_its_image_shows_caption_and_placeholder(client, piece):
    content = client.get(piece.url).content.decode()
    assert "Image not available yet" in content
    assert '<figcaption class="app-figure__caption">Fig 1: The balance</figcaption>' in content


def test_questions_come_last_in_order_with_stable_anchors(client, piece):
    content = client.get(piece.url).content.decode()
    ids = list(piece.questions.values_list("pk", flat=True))
    positions = [content.index(f'id="question-{pk}"') for pk in ids]
    assert positions == sorted(positions)
    assert positions[0] > content.index("Balance is a daily judgement.")


def test_references_render_in_harvard_style(client, piece):
    content = client.get(piece.url).content.decode()
    assert (
        "Packer, H. (1968) <i>The Limits of the Criminal Sanction</i>. "
        "Stanford: Stanford University Press." in content
    )


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {
                "authors": "Bottoms, A.",
                "year": "2001",
                "title": "Compliance and community penalties",
                "container": "Community Penalties",
                "publisher": "Willan",
                "place": "Cullompton",
            },
            "Bottoms, A. (2001) ‘Compliance and community penalties’, "
            "in <i>Community Penalties</i>. Cullompton: Willan.",
        ),
        (
            {
                "authors": "Robinson, G. and McNeill, F.",
                "year": "2008",
                "title": "Dynamics",
                "container": "Theoretical Criminology",
                "volume": "12(4)",
                "pages": "431-449",
            },
            "Robinson, G. and McNeill, F. (2008) ‘Dynamics’, "
            "<i>Theoretical Criminology</i>, 12(4), pp. 431-449.",
        ),
        (
            {"free_text": "Home Office & partners (2009) a policy <statement>"},
            "Home Office &amp; partners (2009) a policy &lt;statement&gt;",
        ),
    ],
)
def test_harvard_formats(fields, expected):
    assert Reference(**fields).harvard() == expected


def test_the_first_use_of_a_glossary_term_is_an_accessible_abbreviation(client, site_tree):
    GlossaryTerm.objects.update_or_create(
        term="ECHR", defaults={"expansion": "European Convention on Human Rights"}
    )
    page = make_thought_piece(
        blocks=[ParsedBlock("paragraph", "<p>The ECHR matters. The ECHR again.</p>")]
    )
    content = client.get(page.url).content.decode()
    assert content.count("<abbr") == 1
    assert (
        '<a class="govuk-link app-glossary-link" href="/glossary/#term-echr">'
        '<abbr title="European Convention on Human Rights">ECHR</abbr>'
        '<span class="govuk-visually-hidden"> (European Convention on Human Rights)</span></a>'
        in content
    )
    glossary = client.get("/glossary/").content.decode()
    assert 'id="term-echr"' in glossary


def results(content: str) -> str:
    """The search results list only (the brochure form lists every piece too)."""
    match = re.search(r'<ul class="govuk-list app-results".*?</ul>', content, re.DOTALL)
    return match.group(0) if match else ""


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_piece_renders_in_the_same_number_of_queries_whatever_its_length(client, site_tree):
    short = make_thought_piece()
    blocks = parsed_piece().blocks * 12
    long = make_thought_piece(
        reference="TEST/TP/2",
        title="A much longer piece",
        blocks=blocks,
        questions=[f"Question {n}?" for n in range(15)],
    )
    client.get(short.url)
    client.get(long.url)  # both bodies rendered once and cached (thoughtpieces.rendering)
    assert _queries(client, long.url) == _queries(client, short.url)


def test_search_finds_a_piece_by_a_word_in_its_body_and_highlights(client, piece):
    make_thought_piece(
        reference="TEST/TP/2",
        title="Another piece",
        abstract="Nothing here.",
        blocks=[ParsedBlock("paragraph", "<p>Unrelated words.</p>")],
    )
    content = client.get("/thought-pieces/", {"q": "family"}).content.decode()
    assert "1 result for ‘family’" in content
    assert "Proportionality in practice" in results(content)
    assert "Another piece" not in results(content)
    highlighted = client.get("/thought-pieces/", {"q": "proportionality"}).content.decode()
    assert "<mark>Proportionality</mark> in practice" in results(highlighted)
    assert "IOM work" not in results(highlighted)  # the abstract is shown, not the body


def test_the_topic_filter_narrows_the_list(client, piece):
    make_thought_piece(reference="TEST/TP/2", title="On compliance", topics=["Compliance"])
    content = client.get("/thought-pieces/", {"topic": "compliance"}).content.decode()
    assert "On compliance" in results(content)
    assert "Proportionality in practice" not in results(content)
    assert "1 result" in content


def test_drafts_are_not_listed_or_found(client, site_tree):
    make_thought_piece(publish=False)
    content = client.get("/thought-pieces/", {"q": "family"}).content.decode()
    assert "0 results" in content


def test_the_brochure_is_one_pdf_of_the_chosen_pieces(client, piece):
    other = make_thought_piece(reference="TEST/TP/2", title="Second piece")
    response = client.get("/thought-pieces/brochure/", {"piece": [piece.pk, other.pk]})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="thought-pieces-')
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 5000


def test_a_brochure_with_nothing_chosen_explains_what_to_do(client, piece):
    response = client.get("/thought-pieces/brochure/")
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content
    assert (
        '<a href="#id_piece_0">Select at least one Thought Piece for your brochure</a>' in content
    )


def test_a_brochure_of_an_unknown_piece_is_refused(client, piece):
    response = client.get("/thought-pieces/brochure/", {"piece": [999999]})
    assert response.status_code == 400


def test_without_pango_the_brochure_says_what_to_install(client, piece, monkeypatch):
    from thoughtpieces import views

    monkeypatch.setattr(views, "brochure_unavailable_reason", lambda: "Install Pango.")
    listing = client.get("/thought-pieces/").content.decode()
    assert "Brochures cannot be made on this server at the moment. Install Pango." in listing
    response = client.get("/thought-pieces/brochure/", {"piece": [piece.pk]})
    assert response.status_code == 503
    assert client.get(piece.url).status_code == 200


def test_the_brochure_includes_figure_images_from_local_storage(client, site_tree, tmp_path):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, format="PNG")
    image = Image.objects.create(title="Chart", file=ImageFile(buffer, name="chart.png"))
    page = make_thought_piece(
        blocks=[ParsedBlock("figure", {"caption": "Fig 1: A chart", "alt_text": "A chart"})]
    )
    body = page.body.raw_data
    body[0]["value"]["image"] = image.pk
    page.body = list(body)
    page.save_revision().publish()
    assert 'alt="A chart"' in client.get(page.url).content.decode()
    with_image = client.get("/thought-pieces/brochure/", {"piece": [page.pk]})
    assert with_image.status_code == 200
    assert b"/Subtype /Image" in with_image.content


def test_trainer_headings_cannot_take_the_ids_the_page_relies_on(client, site_tree):
    """DOM clobbering: a heading's id is always prefixed, so a heading called
    "Main content" or "Navigation" cannot take the skip link's or the menu's id."""
    from thoughtpieces.factories import make_thought_piece

    headings = ["Main content", "Navigation", "questions to consider", "Summary", "Main content"]
    piece = make_thought_piece(
        blocks=[ParsedBlock("heading", {"text": text, "level": 2}) for text in headings]
        + [ParsedBlock("summary", {"text": "<p>In short.</p>"})]
    )
    content = client.get(piece.url).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', content)
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert ids.count("main-content") == 1 and ids.count("navigation") <= 1
    heading_ids = [
        anchor
        for anchor, text in re.findall(
            r'<h2 class="govuk-heading-l" id="([^"]+)">([^<]+)</h2>', content
        )
        if text in headings
    ]
    assert heading_ids == [
        "section-main-content",
        "section-navigation",
        "section-questions-to-consider",
        "section-summary",
        "section-main-content-2",
    ]
    # The contents list still links to each of them, and to the summary.
    for anchor in [*heading_ids, "summary"]:
        assert f'href="#{anchor}"' in content
