"""
Journal Markdown to safe HTML, rendered once on save and stored.

Two layers, so a bug in one is not a hole: markdown-it-py in its CommonMark
preset with raw HTML off (so `<script>` is text), a nesting limit (so deeply
nested brackets and quotes render in bounded time), and only http(s) and mailto
links; then nh3 (the Rust `ammonia` sanitiser) with an allow-list of tags and
attributes, which also adds rel="noopener noreferrer nofollow" to every link.
Images are not allowed at all: a journal must not load anything remote.

Bounded cost, whatever the shape of the text. markdown-it-py is linear on every
input we know of (the nesting limit stops the quadratic cases), but it is pure
Python: each line costs it 10-30 µs per container it sits in, and each markup
character 1-20 µs, so a 20,000-character entry made only of brackets, list
items or emphasis took 100-250 ms of CPU. Budgets per entry keep any entry of
the maximum size under a third of 100 ms (docs/PERFORMANCE.md has the table):

- lines: the first MAX_MARKDOWN_LINES lines are read as Markdown and the rest,
  if any, is shown as plain paragraphs with its line breaks kept;
- blocks: each time a list or quote reads a line counts; past MAX_BLOCK_WORK,
  or nested deeper than MAX_NESTING (where markdown-it would silently drop the
  deeper text), the whole entry is shown as plain paragraphs;
- inline markup: paragraphs, headings and list items are formatted while the
  entry's markup characters stay within MAX_MARKUP_CHARACTERS; one that would
  go past it is shown as its literal text;
- a `[` with no `]` after it is not tried as a link (the text of many `[`).

Nothing is ever lost: plain or literal text shows every character. Ordinary
writing is far inside every budget (a long, heavily formatted entry has a few
hundred lines and at most a few hundred markup characters; this project's own
15,000-character ARCHITECTURE.md has 804), so it renders exactly as before.
"""

import html
import re

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "hr", "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Bidirectional controls (Trojan Source) and NUL are removed before rendering.
INVISIBLE = re.compile("[\x00\u202a-\u202e\u2066-\u2069]")

MAX_NESTING = 12
MAX_MARKDOWN_LINES = 1_000
MAX_BLOCK_WORK = 2_500
MAX_MARKUP_CHARACTERS = 2_000
# The characters at which markdown-it stops to try its inline rules (its own
# list, less the newline), and `(` that starts a link's address.
MARKUP_CHARACTERS = "!#$%&*+-:<=>@[\\]^_`{}~("


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(("http://", "https://", "mailto:"))


def markup_count(text: str) -> int:
    return sum(text.count(character) for character in MARKUP_CHARACTERS)


def _inline_within_budget(state) -> None:
    """The core `inline` rule, with the entry's markup budget (see the module doc)."""
    left = MAX_MARKUP_CHARACTERS
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        cost = markup_count(token.content)
        if cost <= left:
            left -= cost
            state.md.inline.parse(token.content, state.md, state.env, token.children)
        else:
            literal = Token("text", "", 0)
            literal.content = token.content
            token.children.append(literal)


class _TooComplex(Exception):
    """Past the block budget or the nesting limit: the entry is shown as plain text."""


_renderer = MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING, "linkify": False})
_renderer.validateLink = _safe_link
# Headings in an entry sit below the page's own h1 and h2.
_renderer.renderer.rules["heading_open"] = lambda tokens, i, *_: (
    f"<h{min(int(tokens[i].tag[1]) + 1, 4)}>"
)
_renderer.renderer.rules["heading_close"] = lambda tokens, i, *_: (
    f"</h{min(int(tokens[i].tag[1]) + 1, 4)}>"
)
# Raw HTML is off, so its two rules only ever answer "no": skip asking them.
_renderer.disable(["image", "html_block", "html_inline"])
_renderer.core.ruler.at("inline", _inline_within_budget)
_link = _renderer.inline.ruler.__rules__[_renderer.inline.ruler.__find__("link")].fn


def _link_with_a_closing_bracket(state, silent: bool) -> bool:
    """markdown-it's link rule, skipped at once when no `]` follows (text of `[`s)."""
    last = state.cache.get("last ]")
    if last is None:
        last = state.cache["last ]"] = state.src.rfind("]", 0, state.posMax)
    return last > state.pos and _link(state, silent)


_renderer.inline.ruler.at("link", _link_with_a_closing_bracket)
_block_tokenize = _renderer.block.tokenize


def _tokenize_within_budget(state, start_line: int, end_line: int) -> None:
    """Block parsing, counting each line each time a container reads it.

    Past MAX_NESTING markdown-it drops the deeper text, so that too gives up:
    plain text shows everything."""
    if state.level >= MAX_NESTING:
        raise _TooComplex
    _block_tokenize(state, start_line, end_line)
    work = state.env.get("block_work", 0) + max(1, state.line - start_line)
    if work > MAX_BLOCK_WORK:
        raise _TooComplex
    state.env["block_work"] = work


_renderer.block.tokenize = _tokenize_within_budget


def clean_text(text: str) -> str:
    """What is stored: no NUL or bidirectional override characters, Unix newlines."""
    return INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def _split_at_line_budget(text: str) -> tuple[str, str]:
    """The first MAX_MARKDOWN_LINES lines (ending at a blank line where one is near)
    and the rest."""
    end = -1
    for _ in range(MAX_MARKDOWN_LINES):
        end = text.find("\n", end + 1)
        if end < 0:
            return text, ""
    blank = text.rfind("\n\n", 0, end + 1)
    if blank > end // 2:
        end = blank + 1
    return text[: end + 1], text[end + 1 :]


def _plain_paragraphs(text: str) -> str:
    paragraphs = (p.strip("\n") for p in re.split(r"\n[ \t]*\n", text))
    return "".join(
        f"<p>{'<br>'.join(html.escape(line) for line in p.split(chr(10)))}</p>\n"
        for p in paragraphs
        if p.strip()
    )


def render_markdown(text: str) -> str:
    text = clean_text(text)
    markdown, rest = _split_at_line_budget(text)
    try:
        html_text = _renderer.render(markdown, {})
    except _TooComplex:
        html_text, rest = "", text
    if rest:
        html_text += _plain_paragraphs(rest)
    return nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
