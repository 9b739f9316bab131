"""
Journal Markdown to safe HTML, rendered once on save and stored.

Two layers, so a bug in one is not a hole: markdown-it-py in its CommonMark
preset with raw HTML off (so `<script>` is text), a nesting limit (so deeply
nested brackets and quotes render in bounded time), and only http(s) and mailto
links; then nh3 (the Rust `ammonia` sanitiser) with an allow-list of tags and
attributes, which also adds rel="noopener noreferrer nofollow" to every link.
Images are not allowed at all: a journal must not load anything remote.
"""

import re

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "hr", "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Bidirectional controls (Trojan Source) and NUL are removed before rendering.
INVISIBLE = re.compile("[\x00\u202a-\u202e\u2066-\u2069]")


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(("http://", "https://", "mailto:"))


_renderer = MarkdownIt("commonmark", {"html": False, "maxNesting": 20, "linkify": False})
_renderer.validateLink = _safe_link
# Headings in an entry sit below the page's own h1 and h2.
_renderer.renderer.rules["heading_open"] = lambda tokens, i, *_: (
    f"<h{min(int(tokens[i].tag[1]) + 1, 4)}>"
)
_renderer.renderer.rules["heading_close"] = lambda tokens, i, *_: (
    f"</h{min(int(tokens[i].tag[1]) + 1, 4)}>"
)
_renderer.disable("image")


def clean_text(text: str) -> str:
    """What is stored: no NUL or bidirectional override characters, Unix newlines."""
    return INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def render_markdown(text: str) -> str:
    html = _renderer.render(clean_text(text))
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
