"""
Parse a Thought Piece written in Markdown with YAML front matter.

The document is parsed with markdown-it-py (CommonMark, raw HTML off, pipe
tables on) and the block tree is walked; nothing is rendered.

Front matter (between "---" lines at the very top; optional):

    title: The Legal Framework
    reference: KR/TP/8/1.0      # a trailing /1.0 is split off as the version
    version: "1.0"              # overrides the version in `reference`
    authors:                    # a string, a list of strings, or a list of mappings
      - name: Anne Robinson
        role: Senior Lecturer
        affiliation: University of Nottingham
    date: 2011-03-14            # a full day, YYYY-MM-DD
    topics: [compliance, IOM]   # or "compliance, IOM"
    abstract: One or more paragraphs of plain text.

Unknown keys are reported in `unplaced` ("colour: teal"). Front matter that is
not YAML or not a mapping, or an opening "---" with no closing one, is an ImportFailure.

Body conventions:

* Title: front matter `title`, else the first `# H1` (which is then not a block).
  An H1 repeating the title is dropped; other H1s and H2s are level 2 headings,
  H3 and deeper level 3.
* Paragraphs -> paragraph blocks (consecutive paragraphs share one block); inline
  **bold** -> <b>, *em* -> <i>, links -> <a href> for http(s)/mailto only (other
  links keep their text), `code` -> plain text, all text escaped. Images inside
  mixed text are dropped.
* A paragraph holding only an image, `![alt](src "Fig 1: caption")` -> figure
  {"caption": title or alt, "alt_text": alt}; the image file is not imported.
* Bullet lists -> bullet_list, ordered lists -> numbered_list (plain text; nested
  list items follow their parent as items of the same list).
* Blockquotes -> quotation. The attribution is the text after a final "— " or
  "-- " (same line or its own line), or a last line written "- Name" (which
  Markdown reads as a one-item list). No attribution -> "".
* A blockquote that opens with "Article N – Citation" (bold or not, "Section N"
  also works) and holds an ordered list -> statute: title "Article N", citation
  (ECHR spelled out), paragraphs in between -> introduction, list items -> clauses.
* Pipe tables -> table; a paragraph "Table: caption" right before the table is
  its caption. A table with a single column becomes a bullet list.
* Sections opened by a heading named Abstract, Summary, Questions to consider or
  References (any level, optional ":") last until the next heading:
  Abstract paragraphs -> `abstract` (if front matter gives one, the Abstract
  heading is an ordinary heading);
  Summary paragraphs -> one summary block; Questions list items (or paragraphs
  ending "?") -> `questions`; References list items or paragraphs -> `references`.
  None of these headings become blocks.
* Code blocks become paragraphs of their text; horizontal rules are ignored.
* Web pages saved as Markdown: a paragraph that is only site chrome or a
  breadcrumb ("[Home](/) > [Resources](/r/) > Thought Pieces", "[Print this
  page](#)", "‹ Previous Next ›") or a cookie banner is dropped; a paragraph made
  only of metadata lines ("Reference: KR/TP/14" / "Version 1.1", "**Author:** …",
  the shapes of `text.read_meta_line`) fills what the front matter left empty.
  The questions headings are those of `text.SECTION_NAMES` ("Discussion
  questions", "Points for reflection", …); a paragraph there that is not a
  question or prompt is reported in `unplaced`, and so is everything under a
  "Related articles" heading.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.front_matter import front_matter_plugin

from thoughtpieces.importing.document import (
    ImportFailure,
    ParsedAuthor,
    ParsedBlock,
    ParsedPiece,
)
from thoughtpieces.importing.text import (
    apply_meta,
    clean,
    is_breadcrumb,
    is_chrome,
    is_cookie_banner,
    is_question,
    paragraphs_html,
    parse_authors,
    parse_day,
    read_meta_line,
    reject_binary,
    section_name,
    split_reference,
    split_reference_version,
    split_statute_heading,
)

_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_TABLE_CAPTION = re.compile(r"^table\s*:\s*(?P<caption>.*)$", re.IGNORECASE)
_ATTRIBUTION_INLINE = re.compile(r"\s+(?:—|--)\s*(?P<attribution>[^—]+?)$")
_ATTRIBUTION_LINE = re.compile(r"^(?:—|--|–|-)\s*(?P<attribution>\S.*)$")


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table").use(front_matter_plugin)


# --- front matter ---------------------------------------------------------------


def _load_front_matter(text: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise ImportFailure(f"front matter is not valid YAML: {problem}{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__}"
        raise ImportFailure(
            f"front matter is not valid YAML: expected key: value pairs, got {kind}"
        )
    return {str(key).strip().lower(): value for key, value in data.items()}


def _text(value: Any) -> str:
    return "" if value is None else clean(str(value))


def _authors(value: Any) -> list[ParsedAuthor]:
    if value is None:
        return []
    if isinstance(value, str):
        return parse_authors(value)
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise ImportFailure("front matter authors must be a name or a list of names")
    authors: list[ParsedAuthor] = []
    for item in value:
        if isinstance(item, dict):
            name = _text(item.get("name"))
            if not name:
                raise ImportFailure("front matter author has no name")
            authors.append(
                ParsedAuthor(
                    name=name,
                    role=_text(item.get("role")),
                    affiliation=_text(item.get("affiliation")),
                )
            )
        elif item is not None:
            authors.extend(parse_authors(str(item)))
    return authors


def _date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    day = parse_day(str(value))
    if day is None:
        raise ImportFailure(f"front matter date is not a day (YYYY-MM-DD): {_text(value)!r}")
    return day


def _topics(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    return [topic for topic in (_text(item) for item in items) if topic]


def _abstract(value: Any) -> str:
    paragraphs = re.split(r"\n\s*\n", str(value or ""))
    return "\n\n".join(text for text in map(clean, paragraphs) if text)


def _apply_front_matter(piece: ParsedPiece, data: dict[str, Any]) -> None:
    piece.title = _text(data.get("title"))
    reference, version = split_reference_version(_text(data.get("reference")))
    piece.reference = reference
    piece.version = _text(data.get("version")) or version
    piece.authors = _authors(data.get("authors", data.get("author")))
    piece.publication_date = _date(data.get("date"))
    piece.topics = _topics(data.get("topics"))
    piece.abstract = _abstract(data.get("abstract"))
    for key, value in data.items():
        if key not in _FRONT_MATTER_KEYS:
            piece.unplaced.append(f"{key}: {_text(value)}")


_FRONT_MATTER_KEYS = {"title", "reference", "version", "authors", "author", "date", "topics"}
_FRONT_MATTER_KEYS |= {"abstract"}


# --- inline content ---------------------------------------------------------------


def _inline_html(node: SyntaxTreeNode) -> str:
    """HTML for an inline node's children: <b>, <i>, safe <a href>, escaped text."""
    parts: list[str] = []
    for child in node.children:
        if child.type == "text":
            parts.append(html.escape(child.content, quote=False))
        elif child.type == "code_inline":
            parts.append(html.escape(child.content, quote=False))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "strong":
            parts.append(f"<b>{_inline_html(child)}</b>")
        elif child.type == "em":
            parts.append(f"<i>{_inline_html(child)}</i>")
        elif child.type == "link":
            href = str(child.attrs.get("href", ""))
            inner = _inline_html(child)
            if href.lower().startswith(_SAFE_SCHEMES):
                parts.append(f'<a href="{html.escape(href, quote=True)}">{inner}</a>')
            else:
                parts.append(inner)
        elif child.children:
            parts.append(_inline_html(child))
    return " ".join("".join(parts).split())


def _inline_text(node: SyntaxTreeNode, breaks: str = " ") -> str:
    """Plain text of an inline node; soft and hard line breaks become `breaks`."""
    parts: list[str] = []
    for child in node.children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(breaks)
        elif child.type == "image":
            continue
        elif child.children:
            parts.append(_inline_text(child, breaks))
    return "".join(parts)


def _inline(node: SyntaxTreeNode) -> SyntaxTreeNode:
    """The inline child of a paragraph, heading or table cell."""
    return node.children[0]


def _text_of(node: SyntaxTreeNode) -> str:
    """Plain text of any block node (all its inline descendants, space-joined)."""
    if node.type == "inline":
        return clean(_inline_text(node))
    return " ".join(text for text in (_text_of(child) for child in node.children) if text)


def _lone_image(paragraph: SyntaxTreeNode) -> SyntaxTreeNode | None:
    children = [
        child
        for child in _inline(paragraph).children
        if not (child.type == "text" and not child.content.strip()) and child.type != "softbreak"
    ]
    if len(children) == 1 and children[0].type == "image":
        return children[0]
    return None


def _list_items(node: SyntaxTreeNode) -> list[str]:
    """Plain text items of a list; items of nested lists follow their parent item."""
    items: list[str] = []
    for item in node.children:
        own = [_text_of(child) for child in item.children if child.type == "paragraph"]
        if text := clean(" ".join(own)):
            items.append(text)
        for child in item.children:
            if child.type in ("bullet_list", "ordered_list"):
                items.extend(_list_items(child))
    return items


def _link_href(node: SyntaxTreeNode) -> str:
    for child in node.walk():
        if child.type == "link":
            href = str(child.attrs.get("href", ""))
            if href.lower().startswith(("http://", "https://")):
                return href
    return ""


# --- blocks -----------------------------------------------------------------------


def _quotation(node: SyntaxTreeNode) -> dict[str, str]:
    children = list(node.children)
    attribution = ""
    if len(children) > 1 and children[-1].type == "bullet_list" and len(children[-1].children) == 1:
        attribution = " ".join(_list_items(children[-1]))
        children = children[:-1]
    paragraphs: list[str] = []
    for child in children:
        if child.type == "paragraph":
            paragraphs.append(_inline_text(_inline(child), breaks="\n"))
        elif child.type in ("bullet_list", "ordered_list"):
            paragraphs.append("\n".join(_list_items(child)))
        else:
            paragraphs.append(_text_of(child))
    if not attribution and paragraphs:
        lines = paragraphs[-1].split("\n")
        if len(lines) > 1 and (line := _ATTRIBUTION_LINE.match(clean(lines[-1]))):
            attribution, paragraphs[-1] = line["attribution"], "\n".join(lines[:-1])
        elif inline := _ATTRIBUTION_INLINE.search(paragraphs[-1]):
            attribution = inline["attribution"]
            paragraphs[-1] = paragraphs[-1][: inline.start()]
    quote = "\n\n".join(text for text in map(clean, paragraphs) if text)
    return {"quote": quote, "attribution": clean(attribution)}


def _statute(node: SyntaxTreeNode) -> dict[str, Any] | None:
    children = list(node.children)
    if not children or children[0].type != "paragraph":
        return None
    lines = _inline_text(_inline(children[0]), breaks="\n").split("\n")
    heading = split_statute_heading(lines[0])
    lists = [child for child in children if child.type == "ordered_list"]
    if not heading or not lists:
        return None
    introduction = [clean(line) for line in lines[1:]]
    clauses: list[str] = []
    for child in children[1:]:
        if child.type == "ordered_list":
            clauses.extend(_list_items(child))
        elif not clauses:
            introduction.append(_text_of(child))
        else:
            clauses[-1] = f"{clauses[-1]} {_text_of(child)}"
    return {
        "title": heading[0],
        "citation": heading[1],
        "introduction": " ".join(text for text in introduction if text),
        "clauses": clauses,
    }


def _table_rows(node: SyntaxTreeNode) -> tuple[list[str], list[list[str]]]:
    header: list[str] = []
    rows: list[list[str]] = []
    for section in node.children:
        for row in section.children:
            cells = [_text_of(cell) for cell in row.children]
            if section.type == "thead":
                header = cells
            else:
                rows.append(cells)
    width = len(header)
    rows = [(row + [""] * width)[:width] for row in rows]
    return header, rows


@dataclass
class _Builder:
    nodes: list[SyntaxTreeNode]
    piece: ParsedPiece
    mode: str = "body"
    abstract_given: bool = False
    paragraphs: list[str] = field(default_factory=list)  # HTML of body paragraphs to emit
    summary: list[str] = field(default_factory=list)
    abstract: list[str] = field(default_factory=list)
    table_caption: str = ""

    def flush(self) -> None:
        if self.paragraphs:
            self.piece.blocks.append(ParsedBlock("paragraph", "".join(self.paragraphs)))
            self.paragraphs = []

    def emit(self, block_type: str, value: Any) -> None:
        self.flush()
        self.piece.blocks.append(ParsedBlock(block_type, value))

    def end_section(self) -> None:
        self.flush()
        if self.summary:
            self.piece.blocks.append(ParsedBlock("summary", {"text": "".join(self.summary)}))
            self.summary = []
        self.mode = "body"

    def run(self) -> ParsedPiece:
        for index, node in enumerate(self.nodes):
            following = self.nodes[index + 1] if index + 1 < len(self.nodes) else None
            self.take(node, following)
        self.end_section()
        if self.abstract and not self.abstract_given:
            self.piece.abstract = "\n\n".join(self.abstract)
        if not self.piece.title:
            raise ImportFailure("no title found (add `title:` to the front matter or a # heading)")
        return self.piece

    def take(self, node: SyntaxTreeNode, following: SyntaxTreeNode | None) -> None:
        if node.type == "paragraph" and self.take_chrome_or_metadata(node):
            return
        if node.type == "heading":
            self.take_heading(node)
        elif self.mode == "related":  # links to other pages: reported, not imported
            if node.type in ("bullet_list", "ordered_list"):
                self.piece.unplaced.extend(_list_items(node))
            elif text := _text_of(node):
                self.piece.unplaced.append(text)
        elif self.mode == "references":
            self.take_references(node)
        elif self.mode == "questions":
            self.take_questions(node)
        elif node.type == "paragraph":
            self.take_paragraph(node, following)
        elif node.type in ("bullet_list", "ordered_list"):
            kind = "bullet_list" if node.type == "bullet_list" else "numbered_list"
            if items := _list_items(node):
                self.emit(kind, items)
        elif node.type == "blockquote":
            statute = _statute(node)
            if statute:
                self.emit("statute", statute)
            else:
                self.emit("quotation", _quotation(node))
        elif node.type == "table":
            self.take_table(node)
        elif node.type in ("code_block", "fence"):
            self.add_paragraph(paragraphs_html([node.content]))

    def take_chrome_or_metadata(self, node: SyntaxTreeNode) -> bool:
        """Drop a paragraph of site chrome (a breadcrumb, 'Print this page', a cookie
        banner); read one made of metadata lines ('Reference: KR/TP/14', 'Version 1.1',
        '**Author:** …') into the fields front matter left empty."""
        lines = [clean(line) for line in _inline_text(_inline(node), breaks="\n").split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            return False
        text = " ".join(lines)
        if all(is_chrome(line) or is_breadcrumb(line) for line in lines):
            return True
        if is_cookie_banner(text):
            return True
        metas = [read_meta_line(line) for line in lines]
        if not all(metas):
            return False
        for line, meta in zip(lines, metas, strict=True):
            self.piece.unplaced.extend(apply_meta(self.piece, meta, line))
        return True

    def take_heading(self, node: SyntaxTreeNode) -> None:
        text = _text_of(node)
        level = int(node.tag[1])
        if level == 1 and not self.piece.title:
            self.piece.title = text
            return
        if level == 1 and text.casefold() == self.piece.title.casefold():
            return
        self.end_section()
        section = section_name(text)
        if section == "abstract" and self.abstract_given:
            section = ""  # the front matter's abstract wins; this becomes a heading
        if section:
            self.mode = section
            return
        if text:
            self.emit("heading", {"text": text, "level": 2 if level <= 2 else 3})

    def add_paragraph(self, paragraph_html: str) -> None:
        if not paragraph_html:
            return
        if self.mode == "summary":
            self.summary.append(paragraph_html)
        elif self.mode == "abstract":
            self.abstract.append(clean(re.sub(r"<[^>]+>", "", html.unescape(paragraph_html))))
        else:
            self.paragraphs.append(paragraph_html)

    def take_paragraph(self, node: SyntaxTreeNode, following: SyntaxTreeNode | None) -> None:
        image = _lone_image(node)
        if image is not None:
            alt = clean(image.content)
            caption = _text(image.attrs.get("title")) or alt
            self.emit("figure", {"caption": caption, "alt_text": alt})
            return
        text = _text_of(node)
        caption = _TABLE_CAPTION.match(text)
        if caption and following is not None and following.type == "table":
            self.table_caption = clean(caption["caption"])
            return
        if self.mode == "abstract":
            self.abstract.append(text)
            return
        inner = _inline_html(_inline(node))
        if inner:
            self.add_paragraph(f"<p>{inner}</p>")

    def take_table(self, node: SyntaxTreeNode) -> None:
        header, rows = _table_rows(node)
        caption, self.table_caption = self.table_caption, ""
        if len(header) < 2:
            items = [cell for row in [header, *rows] for cell in row if cell]
            if items:
                self.emit("bullet_list", items)
            return
        self.emit("table", {"caption": caption, "header": header, "rows": rows})

    def take_questions(self, node: SyntaxTreeNode) -> None:
        if node.type in ("bullet_list", "ordered_list"):
            self.piece.questions.extend(_list_items(node))
        elif node.type == "paragraph" and is_question(text := _text_of(node)):
            self.piece.questions.append(text)
        elif text := _text_of(node):
            self.piece.unplaced.append(text)

    def take_references(self, node: SyntaxTreeNode) -> None:
        if node.type in ("bullet_list", "ordered_list"):
            entries = [item for item in node.children if item.type == "list_item"]
        elif node.type == "paragraph":
            entries = [node]
        else:
            return
        for entry in entries:
            text = _text_of(entry)
            if not text:
                continue
            reference = split_reference(text)
            reference.url = reference.url or _link_href(entry)
            self.piece.references.append(reference)


def _split_front_matter(tokens_root: SyntaxTreeNode) -> tuple[str | None, list[SyntaxTreeNode]]:
    nodes = list(tokens_root.children)
    if nodes and nodes[0].type == "front_matter":
        return nodes[0].content, nodes[1:]
    return None, nodes


def parse_markdown(source: str) -> ParsedPiece:
    """Parse a Markdown Thought Piece into a ParsedPiece; ImportFailure when it cannot."""
    reject_binary(source)
    text = source.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").lstrip("\n")
    root = SyntaxTreeNode(_markdown().parse(text))
    front_matter, nodes = _split_front_matter(root)
    if front_matter is None and text.split("\n", 1)[0].rstrip() == "---":
        raise ImportFailure("front matter is not valid YAML: no closing '---' line")
    piece = ParsedPiece(title="")
    if front_matter is not None:
        _apply_front_matter(piece, _load_front_matter(front_matter))
    builder = _Builder(nodes=nodes, piece=piece, abstract_given=bool(piece.abstract))
    return builder.run()
