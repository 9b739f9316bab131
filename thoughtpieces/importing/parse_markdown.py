"""
Parse a Thought Piece written in Markdown with YAML front matter.

The document is parsed with markdown-it-py (CommonMark, raw HTML off, pipe
tables on) and the block tree is walked; nothing is rendered.

Front matter (between "---" lines at the very top; optional) is read by
`markdown_front_matter`, which lists its keys.

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
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.front_matter import front_matter_plugin

from thoughtpieces.importing.document import (
    ImportFailure,
    ParsedBlock,
    ParsedPiece,
)
from thoughtpieces.importing.markdown_front_matter import (
    apply_front_matter,
    load_front_matter,
    split_front_matter,
    text_value,
)
from thoughtpieces.importing.markdown_nodes import (
    inline_child,
    inline_html,
    inline_text,
    link_href,
    list_items,
    lone_image,
    quotation_value,
    statute_value,
    table_rows,
    text_of,
)
from thoughtpieces.importing.text import (
    apply_meta,
    clean,
    is_breadcrumb,
    is_chrome,
    is_cookie_banner,
    is_question,
    paragraphs_html,
    read_meta_line,
    reject_binary,
    section_name,
    split_reference,
)

_TABLE_CAPTION = re.compile(r"^table\s*:\s*(?P<caption>.*)$", re.IGNORECASE)


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table").use(front_matter_plugin)


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
                self.piece.unplaced.extend(list_items(node))
            elif text := text_of(node):
                self.piece.unplaced.append(text)
        elif self.mode == "references":
            self.take_references(node)
        elif self.mode == "questions":
            self.take_questions(node)
        elif node.type == "paragraph":
            self.take_paragraph(node, following)
        elif node.type in ("bullet_list", "ordered_list"):
            kind = "bullet_list" if node.type == "bullet_list" else "numbered_list"
            if items := list_items(node):
                self.emit(kind, items)
        elif node.type == "blockquote":
            statute = statute_value(node)
            if statute:
                self.emit("statute", statute)
            else:
                self.emit("quotation", quotation_value(node))
        elif node.type == "table":
            self.take_table(node)
        elif node.type in ("code_block", "fence"):
            self.add_paragraph(paragraphs_html([node.content]))

    def take_chrome_or_metadata(self, node: SyntaxTreeNode) -> bool:
        """Drop a paragraph of site chrome (a breadcrumb, 'Print this page', a cookie
        banner); read one made of metadata lines ('Reference: KR/TP/14', 'Version 1.1',
        '**Author:** …') into the fields front matter left empty."""
        lines = [clean(line) for line in inline_text(inline_child(node), breaks="\n").split("\n")]
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
        text = text_of(node)
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
        image = lone_image(node)
        if image is not None:
            alt = clean(image.content)
            caption = text_value(image.attrs.get("title")) or alt
            self.emit("figure", {"caption": caption, "alt_text": alt})
            return
        text = text_of(node)
        caption = _TABLE_CAPTION.match(text)
        if caption and following is not None and following.type == "table":
            self.table_caption = clean(caption["caption"])
            return
        if self.mode == "abstract":
            self.abstract.append(text)
            return
        inner = inline_html(inline_child(node))
        if inner:
            self.add_paragraph(f"<p>{inner}</p>")

    def take_table(self, node: SyntaxTreeNode) -> None:
        header, rows = table_rows(node)
        caption, self.table_caption = self.table_caption, ""
        if len(header) < 2:
            items = [cell for row in [header, *rows] for cell in row if cell]
            if items:
                self.emit("bullet_list", items)
            return
        self.emit("table", {"caption": caption, "header": header, "rows": rows})

    def take_questions(self, node: SyntaxTreeNode) -> None:
        if node.type in ("bullet_list", "ordered_list"):
            self.piece.questions.extend(list_items(node))
        elif node.type == "paragraph" and is_question(text := text_of(node)):
            self.piece.questions.append(text)
        elif text := text_of(node):
            self.piece.unplaced.append(text)

    def take_references(self, node: SyntaxTreeNode) -> None:
        if node.type in ("bullet_list", "ordered_list"):
            entries = [item for item in node.children if item.type == "list_item"]
        elif node.type == "paragraph":
            entries = [node]
        else:
            return
        for entry in entries:
            text = text_of(entry)
            if not text:
                continue
            reference = split_reference(text)
            reference.url = reference.url or link_href(entry)
            self.piece.references.append(reference)


def parse_markdown(source: str) -> ParsedPiece:
    """Parse a Markdown Thought Piece into a ParsedPiece; ImportFailure when it cannot."""
    reject_binary(source)
    text = source.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").lstrip("\n")
    root = SyntaxTreeNode(_markdown().parse(text))
    front_matter, nodes = split_front_matter(root)
    if front_matter is None and text.split("\n", 1)[0].rstrip() == "---":
        raise ImportFailure("front matter is not valid YAML: no closing '---' line")
    piece = ParsedPiece(title="")
    if front_matter is not None:
        apply_front_matter(piece, load_front_matter(front_matter))
    builder = _Builder(nodes=nodes, piece=piece, abstract_given=bool(piece.abstract))
    return builder.run()
