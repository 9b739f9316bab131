"""
Reads for site-wide search: one Wagtail search per kind of content, highlighted.

Each kind (`kinds()`, registered by the apps) says which live objects it
searches and how a hit reads. What is searchable is the models' own
`search_fields` (quizzes index question text only, through
`QuizPage.get_items_for_search`); the snippet under each hit is built from the
same parts, so it can only show words that are indexed.

Queries per search are fixed: per kind one count and one page of hits, plus a
fixed number of prefetches for the hits shown, whatever the number of matches.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.urls import reverse
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.models import PageViewRestriction
from wagtail.search.backends import get_search_backend

from thoughtpieces.models import (
    DiscussionQuestion,
    GlossaryTerm,
    Reference,
    ThoughtPieceAuthor,
    ThoughtPiecePage,
)

from .. import registry

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
PAGE_SIZE = 10
GROUP_PREVIEW = 3  # hits per kind when every kind is shown
SNIPPET_LENGTH = 220
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


def search_words(query: str) -> list[str]:
    """The words of a query, in order, without repeats: letters and digits only, so
    no search-engine syntax (quotes, NEAR, *, -) reaches the backend."""
    words: list[str] = []
    for word in _WORD.findall(query):
        if word.casefold() not in {w.casefold() for w in words}:
            words.append(word)
    return words[:MAX_WORDS]


# --- Highlighting -----------------------------------------------------------------


def _term_pattern(terms: Iterable[str]) -> re.Pattern | None:
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    if not words:
        return None
    # A word starting with a term: "complian" marks "compliance", and stemmed
    # matches ("compliant" for "compliance") still show the words searched for.
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE
    )


def highlight(text: str, terms: Iterable[str]) -> SafeString:
    """`text` escaped, each word matching a term wrapped in <mark>.

    Matches are found in the plain text and every piece is escaped on its own, so
    neither the query nor the content can add markup (or split an entity)."""
    pattern = _term_pattern(terms)
    if pattern is None:
        return escape(text)
    out, cursor = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[cursor : match.start()]))
        out.append(format_html("<mark>{}</mark>", match.group(0)))
        cursor = match.end()
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))  # every piece is escaped above


def text_from_html(value: str) -> str:
    """Rich text (a paragraph block, a course description) as plain text."""
    return html.unescape(strip_tags(value or ""))


def snippet(parts: Iterable[str], terms: Iterable[str]) -> SafeString:
    """A stretch of the first part that contains a searched word, highlighted;
    else the start of the first part. Parts are plain text (see text_from_html)."""
    texts = [text for text in (_SPACE.sub(" ", part or "").strip() for part in parts) if text]
    if not texts:
        return mark_safe("")
    terms = list(terms)
    pattern = _term_pattern(terms)
    text, start = texts[0], 0
    for candidate in texts:
        match = pattern.search(candidate) if pattern else None
        if match:
            text = candidate
            start = max(0, match.start() - SNIPPET_LENGTH // 3)
            if start:  # begin at a word
                space = text.find(" ", start)
                start = space + 1 if 0 <= space < match.start() else start
            break
    end = start + SNIPPET_LENGTH
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    excerpt = highlight(text[start:end], terms)
    return mark_safe(("…" if start else "") + excerpt + ("…" if end < len(text) else ""))


# --- Who may see which pages ------------------------------------------------------


def pages_hidden_from(request) -> Q:
    """Pages under a view restriction this visitor has not passed (Wagtail's own
    rules: private to signed-in people, to groups, or behind a password)."""
    user = request.user
    restrictions = list(
        PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    )
    group_ids: set[int] | None = None
    hidden = Q()
    for restriction in restrictions:
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            if user.is_superuser:
                continue
            if group_ids is None:
                group_ids = (
                    set(user.groups.values_list("pk", flat=True))
                    if user.is_authenticated
                    else set()
                )
            if group_ids & {group.pk for group in restriction.groups.all()}:
                continue
        elif restriction.accept_request(request):  # signed in, or password given
            continue
        hidden |= Q(path__startswith=restriction.page.path)
    return hidden


def live_visible(queryset: QuerySet, hidden: Q) -> QuerySet:
    queryset = queryset.live()
    return queryset.exclude(hidden) if hidden else queryset


# --- The kinds of content -----------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    url: str
    title_html: SafeString
    label: str  # what it is: "Thought Piece", "Module", ...
    meta_html: SafeString
    snippet_html: SafeString


class Kind:
    """One group of results. Subclasses say what they search and how a hit reads."""

    key = ""
    label = ""  # the group's heading and filter name

    def queryset(self, *, hidden: Q) -> QuerySet:
        raise NotImplementedError

    def hits(self, objects: list, *, terms: list[str], request) -> list[Hit]:
        raise NotImplementedError


def _raw_strings(value) -> Iterable[str]:
    """Every string in a StreamField block's stored value (ids and types aside)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in {"id", "type"}:
                yield from _raw_strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _raw_strings(item)


class ThoughtPieces(Kind):
    key = "pieces"
    label = _("Thought Pieces")

    def queryset(self, *, hidden):
        return live_visible(ThoughtPiecePage.objects.all(), hidden)

    def hits(self, objects, *, terms, request):
        prefetch_related_objects(
            objects,
            Prefetch("authors", queryset=ThoughtPieceAuthor.objects.order_by("sort_order")),
            Prefetch("questions", queryset=DiscussionQuestion.objects.order_by("sort_order")),
            Prefetch("references", queryset=Reference.objects.order_by("sort_order")),
        )
        hits = []
        for piece in objects:
            authors = [author.name for author in piece.authors.all()]
            parts = [
                piece.abstract,
                *(q.text for q in piece.questions.all()),
                *map(text_from_html, _raw_strings([b["value"] for b in piece.body.raw_data])),
                *(ref.text_for_search() for ref in piece.references.all()),
            ]
            meta = " · ".join(filter(None, [piece.full_reference, ", ".join(authors)]))
            hits.append(
                Hit(
                    url=piece.get_url(request=request),
                    title_html=highlight(piece.title, terms),
                    label=str(_("Thought Piece")),
                    meta_html=highlight(meta, terms),
                    snippet_html=snippet(parts, terms),
                )
            )
        return hits


class Glossary(Kind):
    key = "glossary"
    label = _("Glossary")

    def queryset(self, *, hidden):
        return GlossaryTerm.objects.all()

    def hits(self, objects, *, terms, request):
        glossary_url = reverse("thoughtpieces:glossary")
        return [
            Hit(
                url=f"{glossary_url}#{term.anchor}",
                title_html=highlight(term.term, terms),
                label=str(_("Glossary term")),
                meta_html=highlight(term.expansion, terms),
                snippet_html=snippet([term.definition, term.expansion], terms),
            )
            for term in objects
        ]


def kinds() -> dict[str, Kind]:
    """Every kind of content, in order: each app registers its own in its
    registrations.py (`iomsite.registry.search_kinds`)."""
    return {kind.key: kind for kind in registry.search_kinds}


# --- The search ---------------------------------------------------------------------


@dataclass
class Group:
    kind: Kind
    count: int
    hits: list[Hit] = field(default_factory=list)


@dataclass
class SearchOutcome:
    words: list[str]
    kind: str  # "" for every kind
    groups: list[Group]
    page: PaginatorPage | None = None  # when one kind is chosen

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)


def site_search(*, request, query: str, kind: str = "", page_number=1) -> SearchOutcome:
    """Live, visible content matching every word of `query`, grouped by kind.

    With `kind` one group is paged (PAGE_SIZE a page); without, each group shows
    its first GROUP_PREVIEW hits. Every group is counted, for the filters."""
    words = search_words(query)
    if not words:
        return SearchOutcome(words=[], kind=kind, groups=[])
    hidden = pages_hidden_from(request)
    text = " ".join(words)
    backend = get_search_backend()
    groups, chosen_page = [], None
    for key, each in kinds().items():
        results = backend.search(text, each.queryset(hidden=hidden), operator="and")
        if key == kind:
            paginator = Paginator(results, PAGE_SIZE)
            chosen_page = paginator.get_page(page_number)
            objects = list(chosen_page.object_list)
            count = paginator.count
        else:
            count = results.count()
            objects = list(results[:GROUP_PREVIEW]) if not kind and count else []
        hits = each.hits(objects, terms=words, request=request) if objects else []
        groups.append(Group(kind=each, count=count, hits=hits))
    return SearchOutcome(words=words, kind=kind, groups=groups, page=chosen_page)
