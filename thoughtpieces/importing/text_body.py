"""
The body blocks of a plain-text piece: figures, statutes, lists, tables,
quotations, headings and paragraphs (the conventions are listed in
`parse_text`).

`BodyBlocks` is mixed into the parser's builder, whose state it uses: `take`,
`emit`, `flush`, `set_mode`, `next_chunk`, `position`, `mode`, `paragraphs`,
`abstract`, `summary` and `seen_body`.
"""

from thoughtpieces.importing.text import (
    split_statute_heading,
)
from thoughtpieces.importing.text_chunks import (
    FIGURE,
    NUMBERED,
    QUOTATION,
    Chunk,
    heading_over_text,
    heading_text,
    is_heading,
    is_heading_text,
    list_items,
    row_cells,
    table_value,
)


class BodyBlocks:
    """The body handlers of the plain-text builder, tried in order by `take_body`."""

    def take_body(self, chunk: Chunk) -> None:
        for handler in (
            self.take_figure,
            self.take_statute,
            self.take_list,
            self.take_table,
            self.take_quotation,
            self.take_heading,
            self.split_heading,
        ):
            if handler(chunk):
                return
        self.take_paragraph(chunk.text)

    def split_heading(self, chunk: Chunk) -> bool:
        """'Introduction' with its paragraph directly under it: a heading, then the rest."""
        if not heading_over_text(chunk):
            return False
        self.take(Chunk(chunk.raw[:1]))
        self.take(Chunk(chunk.raw[1:]))
        return True

    def take_paragraph(self, text: str) -> None:
        if self.mode == "abstract":
            self.abstract.append(text)
        elif self.mode == "summary":
            self.flush()
            self.summary.append(text)
        else:
            self.paragraphs.append(text)
            self.seen_body = True

    def take_figure(self, chunk: Chunk) -> bool:
        match = FIGURE.match(chunk.lines[0])
        if not match:
            return False
        self.set_mode("body")
        rest = chunk.lines[1:]
        alt_text = ""
        if rest and rest[0].casefold() == match["text"].casefold():
            alt_text, rest = rest[0], rest[1:]
        elif not rest:
            following = self.next_chunk()
            if following and following.text.casefold() == match["text"].casefold():
                alt_text = following.text
                self.position += 1
        self.emit("figure", {"caption": chunk.lines[0], "alt_text": alt_text})
        if rest:
            self.take(Chunk(chunk.raw[len(chunk.raw) - len(rest) :]))
        return True

    def take_statute(self, chunk: Chunk) -> bool:
        heading = split_statute_heading(chunk.lines[0])
        if not heading:
            return False
        lines = chunk.lines[1:]
        following = self.next_chunk()
        consumed = 0
        if not any(NUMBERED.match(line) for line in lines) and following:
            lines, consumed = lines + following.lines, 1
        first_clause = next((i for i, line in enumerate(lines) if NUMBERED.match(line)), None)
        if first_clause is None:
            return False
        introduction = lines[:first_clause]
        items = list_items(lines[first_clause:])
        if not items or items[0] != "numbered":
            return False
        self.position += consumed
        self.set_mode("body")
        self.emit(
            "statute",
            {
                "title": heading[0],
                "citation": heading[1],
                "introduction": " ".join(introduction),
                "clauses": items[1],
            },
        )
        return True

    def take_list(self, chunk: Chunk) -> bool:
        items = list_items(chunk.lines)
        if not items:
            if len(chunk.raw) > 1 and is_heading_text(chunk.lines[0]):
                rest = list_items(chunk.lines[1:])
                if rest:  # a heading with its list directly under it
                    self.take_heading(Chunk(chunk.raw[:1]))
                    self.take(Chunk(chunk.raw[1:]))
                    return True
            return False
        kind, values = items
        self.emit("bullet_list" if kind == "bullet" else "numbered_list", values)
        return True

    def take_table(self, chunk: Chunk) -> bool:
        if len(chunk.raw) < 2:
            return False
        rows = [row_cells(line) for line in chunk.raw]
        if not all(rows):
            return False
        lead_in = self.paragraphs[-1] if self.paragraphs else ""
        self.set_mode("body")
        self.emit("table", table_value([row for row in rows if row], lead_in))
        return True

    def take_quotation(self, chunk: Chunk) -> bool:
        match = QUOTATION.match(chunk.text)
        if not match:
            return False
        self.emit("quotation", {"quote": match["quote"].strip(), "attribution": match["source"]})
        return True

    def take_heading(self, chunk: Chunk) -> bool:
        if not is_heading(chunk):
            return False
        self.set_mode("body")
        self.emit("heading", {"text": heading_text(chunk.lines[0]), "level": 2})
        return True
