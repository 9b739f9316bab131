"""Reads for Thought Pieces: what a piece's page shows, the library listing, search."""

import math
import re
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString
from django.db.models import Prefetch, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from taggit.models import Tag

from .models import GlossaryTerm, ThoughtPieceAuthor, ThoughtPiecePage

WORDS_PER_MINUTE = 200
GLOSSARY_SKIP_TAGS = {"a", "abbr", "h1", "h2", "h3", "h4", "figcaption", "caption", "th"}


def reading_time_minutes(*, abstract: str, body) -> int:
    """Whole minutes at an unhurried 200 words a minute, never less than one."""
    texts = [abstract or ""]
    if body:
        texts += body.stream_block.get_searchable_content(body)
    words = sum(
        len(re.findall(r"\w+", BeautifulSoup(text, "html.parser").get_text(" "))) for text in texts
    )
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


# Ids made from trainer text always carry this prefix, so a heading can never take
# an id the page's own markup or scripts rely on ("main-content", "navigation",
# "questions-to-consider"...): no DOM clobbering.
HEADING_ANCHOR_PREFIX = "section-"


def _unique_anchor(text: str, used: set[str]) -> str:
    base = HEADING_ANCHOR_PREFIX + (slugify(text)[:60] or "untitled")
    anchor, n = base, 2
    while anchor in used:
        anchor, n = f"{base}-{n}", n + 1
    used.add(anchor)
    return anchor


def glossary_terms() -> list[GlossaryTerm]:
    return list(GlossaryTerm.objects.only("term", "expansion"))


def apply_glossary(html: str, terms: list[GlossaryTerm], glossary_url: str) -> SafeString:
    """Wrap the first occurrence of each term in an <abbr> linking to the glossary.

    The expansion is in the abbr's title and, for screen readers and touch
    screens that never show a title, in visually hidden text after it.
    """
    if not terms or not html:
        return mark_safe(html)
    by_term = {term.term: term for term in terms}
    pattern = re.compile(
        r"(?<![\w-])("
        + "|".join(re.escape(t) for t in sorted(by_term, key=len, reverse=True))
        + r")(?![\w-])"
    )
    soup = BeautifulSoup(html, "html.parser")
    remaining = set(by_term)
    for node in list(soup.find_all(string=True)):
        if not remaining:
            break
        if any(parent.name in GLOSSARY_SKIP_TAGS for parent in node.parents):
            continue
        text = str(node)
        pieces, cursor = [], 0
        for match in pattern.finditer(text):
            word = match.group(1)
            if word not in remaining:
                continue
            remaining.discard(word)
            term = by_term[word]
            pieces.append(NavigableString(text[cursor : match.start()]))
            link = soup.new_tag("a", href=f"{glossary_url}#{term.anchor}")
            link["class"] = "govuk-link app-glossary-link"
            abbr = soup.new_tag("abbr", title=term.expansion)
            abbr.string = word
            hidden = soup.new_tag("span")
            hidden["class"] = "govuk-visually-hidden"
            hidden.string = f" ({term.expansion})"
            link.append(abbr)
            link.append(hidden)
            pieces.append(link)
            cursor = match.end()
        if pieces:
            pieces.append(NavigableString(text[cursor:]))
            for piece in pieces:
                node.insert_before(piece)
            node.extract()
    return mark_safe(str(soup))


def thought_piece_reading_context(
    *, page: ThoughtPiecePage, request=None, glossary_url: str = "/glossary/"
):
    """Everything a piece's page shows that changes only on publish, in a fixed
    number of queries (`rendering.cached_reading_context` keeps it)."""
    used: set[str] = set()
    contents, rendered = [], []
    for block in page.body:
        context = {}
        if block.block_type == "heading":
            context["anchor"] = _unique_anchor(block.value["text"], used)
            if block.value["level"] == "2":
                contents.append({"anchor": context["anchor"], "text": block.value["text"]})
        elif block.block_type == "summary":
            anchor, n = "summary", 2  # our own id, not trainer text
            while anchor in used:
                anchor, n = f"summary-{n}", n + 1
            used.add(anchor)
            context["anchor"] = anchor
            contents.append({"anchor": anchor, "text": "Summary"})
        rendered.append(block.render(context=context))
    questions = list(page.questions.all())
    references = list(page.references.all())
    if questions:
        contents.append({"anchor": "questions-to-consider", "text": "Questions to consider"})
    if references:
        contents.append({"anchor": "references", "text": "References"})
    return {
        "body_html": apply_glossary("".join(rendered), glossary_terms(), glossary_url),
        "contents": contents,
        "authors": list(page.authors.all()),
        "questions": questions,
        "references": references,
        "topics": list(page.topics.all()),
        "index_url": page.get_parent().get_url(request=request),
    }


def live_thought_pieces(*, index_page) -> QuerySet[ThoughtPiecePage]:
    return ThoughtPiecePage.objects.live().public().child_of(index_page).order_by("title")


def with_listing_relations(queryset: QuerySet[ThoughtPiecePage]) -> QuerySet[ThoughtPiecePage]:
    return queryset.prefetch_related(
        Prefetch("authors", queryset=ThoughtPieceAuthor.objects.order_by("sort_order")),
        "topics",
    )


def topics_in_use(*, index_page) -> QuerySet[Tag]:
    return (
        Tag.objects.filter(
            thoughtpieces_thoughtpiecetopic_items__content_object__in=live_thought_pieces(
                index_page=index_page
            )
        )
        .distinct()
        .order_by("name")
    )


@dataclass
class SearchResult:
    page: ThoughtPiecePage
    title_html: SafeString
    abstract_html: SafeString


def highlight(text: str, terms: list[str], *, limit: int | None = None) -> SafeString:
    """Escape `text` and wrap each search term in <mark>."""
    if limit and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    escaped = escape(text)
    words = [re.escape(escape(t)) for t in terms if len(t) > 1]
    if not words:
        return mark_safe(escaped)
    pattern = re.compile(r"(" + "|".join(words) + r")", re.IGNORECASE)
    return mark_safe(pattern.sub(r"<mark>\1</mark>", escaped))


def thought_piece_search(*, index_page, query: str = "", topic: str = "") -> list[SearchResult]:
    """Live pieces matching the words (Wagtail search) and topic, highlighted."""
    queryset = live_thought_pieces(index_page=index_page)
    if topic:
        queryset = queryset.filter(
            pk__in=ThoughtPiecePage.objects.filter(topics__slug=topic).values("pk")
        )
    terms = re.findall(r"\w[\w'-]*", query)
    if query.strip():
        ids = [page.pk for page in queryset.search(query, operator="or")]
        pages = {
            p.pk: p for p in with_listing_relations(ThoughtPiecePage.objects.filter(pk__in=ids))
        }
        ordered = [pages[pk] for pk in ids if pk in pages]
    else:
        ordered = list(with_listing_relations(queryset))
    return [
        SearchResult(
            page=piece,
            title_html=highlight(piece.title, terms),
            abstract_html=highlight(piece.abstract, terms, limit=400),
        )
        for piece in ordered
    ]
