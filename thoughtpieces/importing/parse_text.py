"""
Parse a Thought Piece pasted as plain text (as copied from a web page).

The text is read as *chunks*, runs of non-blank lines, with site chrome,
breadcrumbs and cookie banners dropped (`text_chunks` says how); the builder
then reads them in order, the body blocks in `text_body`.

Conventions, in the order they are tried:

* Metadata lines, anywhere (`text.read_meta_line`): reference and version in
  any usual shape ("Version: KR/TP/8/1.0", "Reference: KR/TP/8" then
  "Version 1.0", "KR/TP/8 v1.0", "Version 1.2 (KR/TP/5)"); "Author:" /
  "Authors:" / "Contributors:" with names on the line or one a line under it,
  comma-, "and"- or ";"-separated, with roles and bodies ("Jane Smith, Senior
  Lecturer, University of X", "Jane Smith (Probation Officer)"); "Date:",
  "Published:", "Posted on …" (a full day only); "Tags:"/"Topics:". A value
  that fills a field already filled differently, or cannot be used
  ("Date: spring"), is reported in `unplaced`.
* A byline before the first heading: "Written by …", "An article by: Dr Emily
  Evans, University of Nottingham, UK. <more text>", "By …": the first sentence
  gives the authors (it must name a person), the rest becomes a paragraph.
* Title: the first heading-like chunk (one line, at most 14 words, no final
  full stop, comma, colon or semicolon). When a run of such lines is followed by
  metadata, the title is the last of the run and the lines above it (a site's
  name, a section name) are reported in `unplaced`. Paragraphs before the title
  (a standfirst) go to the abstract. No title -> ImportFailure.
* Section names (`text.SECTION_NAMES`: a chunk whose first line is one of them,
  case-insensitive, optional final colon) switch mode until the next heading:
  "Abstract" (paragraphs -> `abstract`), "Summary" (paragraphs -> one summary
  block), "Questions to consider" / "Questions for discussion" / "Discussion
  questions" / "Points for reflection" … (list items, lines ending "?", or
  paragraphs that are questions or prompts -> `questions`; a lead-in ending ":"
  before the list is unplaced), "References"/"Bibliography" (every line -> a
  reference, bullets and numbering removed; only another section name ends it),
  "Related articles" … (navigation: every line unplaced, until a section name).
* With no Abstract section and no standfirst, the paragraphs between the title
  and the first heading are the abstract (when a heading follows them).
* "Fig N: caption" -> figure; a next line repeating the caption text without
  the "Fig N:" prefix is the missing image's alt text and is consumed.
* "ARTICLE 8  ECHR" (or "Section 3 ...") followed by numbered lines -> statute
  block ("Article 8", citation with "ECHR" spelled out, clauses unnumbered).
* Lines starting "•" (or "-", "–", "*", "▪") -> bullet_list; "1." / "1)" / "Q1." ->
  numbered_list. Non-item lines inside a list continue the previous item.
* Two or more consecutive lines that each split into exactly two cells at runs
  of 2+ spaces -> table. A third fragment starting in lower case continues the
  cell before it. If every cell of a column starts with the same "Label: ",
  that label is the column's header and is stripped from the cells; the other
  column's header comes from the lead-in sentence ("...strands of the
  programme:" -> "Strand", otherwise "Item"). Otherwise the first row is the header.
* ‘Quoted text’ (Source) as a whole chunk -> quotation with attribution "Source".
* "Introduction:", "Conclusion:" and other common heading names with a colon
  (`text_chunks._KNOWN_HEADINGS`) -> heading without the colon.
* Any other heading-like chunk -> heading level 2; everything else -> paragraph
  (consecutive paragraphs share one paragraph block, one <p> each).
"""

import re
from dataclasses import dataclass, field

from thoughtpieces.importing.document import ImportFailure, ParsedBlock, ParsedPiece
from thoughtpieces.importing.text import (
    MetaLine,
    apply_meta,
    clean,
    is_question,
    paragraphs_html,
    read_authors,
    read_byline,
    reject_binary,
    section_name,
    split_reference,
)
from thoughtpieces.importing.text_body import BodyBlocks
from thoughtpieces.importing.text_chunks import (
    Chunk,
    chunk_meta,
    heading_over_text,
    is_heading,
    list_item,
    list_items,
    read_chunks,
)

# The end of the byline's first sentence: a full stop not closing an initial ("J.").
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])\.\s+(?=[A-Z‘“(])")


@dataclass
class _Builder(BodyBlocks):
    chunks: list[Chunk]
    piece: ParsedPiece = field(default_factory=lambda: ParsedPiece(title=""))
    position: int = 0
    mode: str = "body"
    seen_body: bool = False
    seen_heading: bool = False  # a body heading or a section: bylines end here
    saw_abstract: bool = False
    intro: list[tuple[int, list[str]]] = field(default_factory=list)  # (block index, texts)
    paragraphs: list[str] = field(default_factory=list)  # body paragraphs not yet emitted
    summary: list[str] = field(default_factory=list)
    abstract: list[str] = field(default_factory=list)
    unplaced_seen: set[str] = field(default_factory=set)

    # --- output -----------------------------------------------------------

    def flush(self) -> None:
        if self.paragraphs:
            if self.piece.title and not self.seen_heading:
                self.intro.append((len(self.piece.blocks), list(self.paragraphs)))
            self.piece.blocks.append(ParsedBlock("paragraph", paragraphs_html(self.paragraphs)))
            self.paragraphs = []

    def flush_summary(self) -> None:
        if self.summary:
            self.flush()
            self.piece.blocks.append(
                ParsedBlock("summary", {"text": paragraphs_html(self.summary)})
            )
            self.summary = []

    def emit(self, block_type: str, value: object) -> None:
        self.flush()
        if self.mode in ("summary", "abstract"):
            self.set_mode("body")
        blocks = self.piece.blocks
        if block_type.endswith("_list") and blocks and blocks[-1].type == block_type:
            blocks[-1].value.extend(value)  # a loose list: blank lines between its items
            return
        blocks.append(ParsedBlock(block_type, value))
        self.seen_body = True
        if block_type == "heading":
            self.seen_heading = True

    def set_mode(self, mode: str) -> None:
        if self.mode == "summary" and mode != "summary":
            self.flush_summary()
        self.mode = mode

    def next_chunk(self) -> Chunk | None:
        following = self.position + 1
        return self.chunks[following] if following < len(self.chunks) else None

    def unplaced(self, text: str) -> None:
        if text and text not in self.unplaced_seen:
            self.unplaced_seen.add(text)
            self.piece.unplaced.append(text)

    # --- reading ----------------------------------------------------------

    def run(self) -> ParsedPiece:
        while self.position < len(self.chunks):
            self.take(self.chunks[self.position])
            self.position += 1
        self.set_mode("body")
        self.flush()
        self.abstract_from_introduction()
        self.piece.abstract = "\n\n".join(self.abstract)
        if not self.piece.title:
            raise ImportFailure("no title found (expected a short line before the first paragraph)")
        return self.piece

    def abstract_from_introduction(self) -> None:
        """No Abstract heading and no standfirst: the paragraphs between the title and
        the first heading are the piece's introduction, and so its abstract."""
        if self.abstract or self.saw_abstract or not self.intro:
            return
        indexes = {index for index, _ in self.intro}
        last = max(indexes)
        later = self.piece.blocks[last + 1 :]
        if not any(block.type == "heading" for block in later):
            return
        if any(block.type != "paragraph" for block in self.piece.blocks[:last]):
            return
        for _, texts in self.intro:
            self.abstract.extend(clean(text) for text in texts)
        self.piece.blocks = [b for i, b in enumerate(self.piece.blocks) if i not in indexes]

    def take(self, chunk: Chunk) -> None:
        meta = chunk_meta(chunk)
        if meta is not None:
            self.take_meta(meta, chunk)
            return
        if not self.seen_heading and self.take_byline(chunk):
            return
        section = section_name(chunk.lines[0])
        if section:
            self.flush()
            self.set_mode(section)
            self.seen_body = self.seen_heading = True
            self.saw_abstract = self.saw_abstract or section == "abstract"
            if len(chunk.raw) > 1:
                self.take(Chunk(chunk.raw[1:]))
            return
        if self.mode == "references":
            self.take_references(chunk)
            return
        if self.mode == "related":
            for line in chunk.lines:
                self.unplaced(line)
            return
        if not self.piece.title:
            self.take_before_title(chunk)
            return
        if self.mode == "questions":
            if self.take_questions(chunk):
                return
            self.set_mode("body")  # anything else ends the questions
        self.take_body(chunk)

    def take_meta(self, meta: MetaLine, chunk: Chunk) -> None:
        names = chunk.lines[1:]
        if meta.kind == "authors" and not meta.authors and not names:
            following = self.next_chunk()  # 'Authors:', a blank line, then one name a line
            if following and chunk_meta(following) is None:
                if all(read_authors([text], strict=True)[0] for text in following.lines):
                    names = following.lines
                    self.position += 1
        for text in apply_meta(self.piece, meta, chunk.lines[0], names):
            self.unplaced(text)

    def take_byline(self, chunk: Chunk) -> bool:
        """'An article by: Dr Emily Evans, University of Nottingham, UK. <more text>':
        the first sentence names the authors, the rest is a paragraph."""
        rest = read_byline(chunk.lines[0])
        if rest is None:
            return False
        text = " ".join([rest, *chunk.lines[1:]])
        end = _SENTENCE_END.search(text)
        who, more = (text[: end.start()], text[end.end() :]) if end else (text, "")
        authors, leftovers = read_authors([who], strict=True)
        if not authors:
            return False
        self.piece.authors.extend(authors)
        for leftover in leftovers:
            self.unplaced(leftover)
        if more:
            self.paragraphs.append(more)
            self.flush()
        return True

    def take_before_title(self, chunk: Chunk) -> None:
        if heading_over_text(chunk):  # the title with its standfirst under it
            self.piece.title = chunk.lines[0]
            self.take(Chunk(chunk.raw[1:]))
            return
        if not is_heading(chunk):
            self.abstract.append(chunk.text)
            return
        # A run of short lines before the title: when metadata (a Version or Author
        # line) follows the run, the title is the last line of it and the lines
        # above (a site's name, a section name) are reported; otherwise the first.
        end = self.position
        while end + 1 < len(self.chunks) and self._title_like(self.chunks[end + 1]):
            end += 1
        following = self.chunks[end + 1] if end + 1 < len(self.chunks) else None
        if end > self.position and following is not None and self._states_metadata(following):
            for skipped in self.chunks[self.position : end]:
                self.unplaced(skipped.text)
            self.position = end
            chunk = self.chunks[end]
        self.piece.title = chunk.lines[0]
        self.flush()

    @staticmethod
    def _title_like(chunk: Chunk) -> bool:
        return (
            is_heading(chunk)
            and not _Builder._states_metadata(chunk)
            and not section_name(chunk.lines[0])
        )

    @staticmethod
    def _states_metadata(chunk: Chunk) -> bool:
        if chunk_meta(chunk) is not None:
            return True
        rest = read_byline(chunk.lines[0])
        return rest is not None and bool(read_authors([rest], strict=True)[0])

    def take_references(self, chunk: Chunk) -> None:
        for line in chunk.raw:  # raw: layout gaps help split the entry
            item = list_item(line)
            text = item[1] if item else line
            if clean(text):
                self.piece.references.append(split_reference(text))

    def take_questions(self, chunk: Chunk) -> bool:
        """Questions as a numbered or bulleted list, one a line, or as paragraphs; a
        lead-in sentence ending ':' before the list is reported as unplaced."""
        items = list_items(chunk.lines)
        if items:
            self.piece.questions.extend(items[1])
            return True
        lines = chunk.lines
        if len(lines) > 1 and all(line.endswith("?") for line in lines):
            self.piece.questions.extend(lines)
            return True
        if is_question(chunk.text):
            self.piece.questions.append(chunk.text)
            return True
        following = self.next_chunk()
        if chunk.text.endswith(":") and following and list_items(following.lines):
            self.unplaced(chunk.text)
            return True
        return False


def parse_text(source: str) -> ParsedPiece:
    """Parse pasted plain text into a ParsedPiece; ImportFailure when it cannot."""
    reject_binary(source)
    chunks = read_chunks(source)
    if not chunks:
        raise ImportFailure("no title found (the text holds only site navigation)")
    return _Builder(chunks).run()
