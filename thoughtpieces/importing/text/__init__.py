"""
Text helpers shared by the Thought Piece parsers, one module per kind of text:
`cleaning` (spaces, lines, paragraph HTML), `authors` (bylines), `references`,
`sections` (section and statute headings, questions), `chrome` (site navigation
and cookie banners) and `metadata` (reference, version, author, date and topic
lines). The parsers import from here.

Conventions:

* Typography is kept: curly quotes, apostrophes and dashes stay as written.
  Only the *spacing* is normalised: non-breaking and other Unicode spaces
  become ordinary spaces, runs of spaces collapse to one, ends are stripped
  (`clean`).
* Paragraph HTML is built here (`paragraphs_html`) so every parser escapes
  the same way: each paragraph becomes one `<p>` with its text HTML-escaped.
* `split_reference` turns one reference-list entry into a `ParsedReference`.
  It understands the Harvard shapes found in practitioner texts:

      Authors (Year) Title. Place: Publisher.
      Authors (Year) ‘Title’ in Editors (eds.) Book, pp. 1-20. Place: Publisher.
      Authors (Year) ‘Title’, Journal, 12(4), pp. 1-20.
      Authors (Year) ‘Title’ in Journal  Vol 12: 431-449

  where fields may also be separated by runs of two or more spaces (text copied
  from a web page's layout). Anything it cannot split keeps only `free_text`.
* `split_reference_version` splits "KR/TP/8/1.0" into ("KR/TP/8", "1.0").
"""

from .authors import (
    HONORIFICS,
    parse_authors,
    read_authors,
    strip_honorific,
)
from .chrome import (
    is_breadcrumb,
    is_chrome,
    is_cookie_banner,
)
from .cleaning import (
    clean,
    paragraphs_html,
    plain_spaces,
    reject_binary,
    split_lines,
    split_reference_version,
)
from .metadata import (
    MetaLine,
    apply_meta,
    parse_day,
    read_byline,
    read_meta_line,
    read_reference,
)
from .references import (
    split_reference,
)
from .sections import (
    SECTION_NAMES,
    is_question,
    section_name,
    split_statute_heading,
)

__all__ = [
    "HONORIFICS",
    "MetaLine",
    "SECTION_NAMES",
    "apply_meta",
    "clean",
    "is_breadcrumb",
    "is_chrome",
    "is_cookie_banner",
    "is_question",
    "paragraphs_html",
    "parse_authors",
    "parse_day",
    "plain_spaces",
    "read_authors",
    "read_byline",
    "read_meta_line",
    "read_reference",
    "reject_binary",
    "section_name",
    "split_lines",
    "split_reference",
    "split_reference_version",
    "split_statute_heading",
    "strip_honorific",
]
