"""Writes for Thought Pieces: importing a parsed document as a page revision."""

import dataclasses
import json
import uuid
from dataclasses import dataclass

import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from .importing.document import ImportFailure, ParsedBlock, ParsedPiece
from .importing.text import split_reference_version
from .models import (
    DiscussionQuestion,
    Reference,
    ThoughtPieceAuthor,
    ThoughtPieceIndexPage,
    ThoughtPiecePage,
)

RICH_TEXT_TAGS = {"p", "b", "i", "a", "br"}
RICH_TEXT_ATTRIBUTES = {"a": {"href"}}


@dataclass
class ImportResult:
    page: ThoughtPiecePage | None
    created: bool
    published: bool
    counts: dict[str, int]
    title: str
    reference: str
    # What the report tells the trainer (see ParsedPiece.missing / .unplaced).
    missing: list[str] = dataclasses.field(default_factory=list)
    unplaced: list[str] = dataclasses.field(default_factory=list)
    stand_in_reference: bool = False  # no reference given: default_reference() was used


def _rich_text(html: str) -> str:
    return nh3.clean(
        html,
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
    )


def _stream_item(block: ParsedBlock) -> dict:
    value = block.value
    if block.type == "heading":
        value = {"text": value["text"][:200], "level": str(value.get("level", 2))}
    elif block.type == "paragraph":
        value = _rich_text(value)
    elif block.type == "summary":
        value = {"text": _rich_text(value["text"])}
    elif block.type == "table":
        value = {
            "data": [list(value["header"]), *[list(row) for row in value["rows"]]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_header_choice": "row",
            "table_caption": value.get("caption", ""),
        }
    elif block.type == "figure":
        value = {"image": None, "caption": value["caption"], "alt_text": value.get("alt_text", "")}
    elif block.type == "statute":
        value = {**value, "clauses": list(value["clauses"])}
    elif block.type in {"bullet_list", "numbered_list"}:
        value = list(value)
    return {"type": block.type, "value": value, "id": str(uuid.uuid4())}


def default_reference(title: str) -> str:
    """A stable reference for a piece imported without one, so re-import finds it."""
    return "IMPORT/" + slugify(title).upper().replace("-", "")[:30]


def _validate(parsed: ParsedPiece) -> tuple[str, str]:
    title = " ".join(parsed.title.split())
    if not title:
        raise ImportFailure("no title found")
    reference = (parsed.reference or default_reference(title)).strip().upper()
    existing = ThoughtPiecePage.objects.filter(reference=reference).first()
    if existing and existing.title.strip().casefold() != title.casefold():
        raise ImportFailure(
            f"reference {reference} already belongs to “{existing.title}”, not “{title}”"
        )
    return title, reference


def _questions(existing: ThoughtPiecePage | None, texts: list[str]) -> list[DiscussionQuestion]:
    """Keep the id of a question whose wording is unchanged, wherever it moved to."""
    by_text = {}
    if existing:
        by_text = {" ".join(q.text.split()).casefold(): q for q in existing.questions.all()}
    questions = []
    for order, text in enumerate(texts):
        match = by_text.pop(" ".join(text.split()).casefold(), None)
        question = match or DiscussionQuestion(text=text)
        question.sort_order = order
        questions.append(question)
    return questions


@transaction.atomic
def thought_piece_import(
    *,
    parsed: ParsedPiece,
    parent: ThoughtPieceIndexPage,
    user=None,
    publish: bool = False,
    dry_run: bool = False,
    reference: str = "",
) -> ImportResult:
    """Create the piece, or a new revision of the piece with the same reference.

    Nothing is written when `dry_run` is set or when anything fails. `reference`
    (typed by the person importing) is used when the text gives none; with neither,
    the piece is filed under `default_reference(title)` and the result says so.
    """
    supplied, supplied_version = split_reference_version(reference.strip().upper())
    if supplied and not parsed.reference:
        version = parsed.version or supplied_version
        parsed = dataclasses.replace(parsed, reference=supplied, version=version)
    title, reference = _validate(parsed)
    counts = parsed.summary_counts()
    existing = ThoughtPiecePage.objects.filter(reference=reference).first()
    report = {
        "missing": parsed.missing(),
        "unplaced": list(parsed.unplaced),
        "stand_in_reference": not parsed.reference,
    }
    if dry_run:
        return ImportResult(None, existing is None, False, counts, title, reference, **report)

    if not parsed.abstract.strip():
        raise ImportFailure(
            "no abstract: the text has none (put a line “Abstract” above the paragraph "
            "that sums the piece up, or give `abstract:` in the front matter)"
        )
    page = existing.get_latest_revision_as_object() if existing else ThoughtPiecePage()
    page.title = title
    page.reference = reference
    page.version = parsed.version or page.version or "1.0"
    page.publication_date = parsed.publication_date or page.publication_date
    page.abstract = parsed.abstract
    page.body = json.dumps([_stream_item(block) for block in parsed.blocks])
    page.authors = [
        ThoughtPieceAuthor(name=a.name, role=a.role, affiliation=a.affiliation, sort_order=i)
        for i, a in enumerate(parsed.authors)
    ]
    page.questions = _questions(existing, parsed.questions)
    page.references = [
        Reference(
            sort_order=i,
            free_text=r.free_text,
            authors=r.authors[:400],
            year=r.year[:20],
            title=r.title[:400],
            container=r.container[:400],
            volume=r.volume[:40],
            pages=r.pages[:40],
            publisher=r.publisher[:200],
            place=r.place[:120],
            url=r.url if r.url.startswith(("http://", "https://")) else "",
        )
        for i, r in enumerate(parsed.references)
    ]
    if parsed.topics:
        page.topics.set(parsed.topics)
    try:
        if existing is None:
            page.slug = _free_slug(parent, slugify(title)[:80] or "thought-piece")
            page.live = False
            parent.add_child(instance=page)  # Page.save() runs full_clean()
        revision = page.save_revision(user=user, log_action=True)
    except ValidationError as error:
        raise ImportFailure("; ".join(_flatten(error))) from None
    if publish:
        revision.publish(user=user)
    return ImportResult(page, existing is None, publish, counts, title, reference, **report)


def _free_slug(parent, slug: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def _flatten(error: ValidationError) -> list[str]:
    """One short phrase per problem: "no abstract", "reference: Use capital letters…"."""
    if not hasattr(error, "error_dict"):
        return error.messages
    phrases = []
    for field, errors in error.error_dict.items():
        for each in errors:
            if each.code in {"blank", "required", "null"}:
                phrases.append(f"no {field.replace('_', ' ')}")
            else:
                phrases.extend(f"{field.replace('_', ' ')}: {m}" for m in each.messages)
    return phrases
