"""Reading markdown-it nodes: inline HTML and text, list items, links, images,
and the quotation, statute and table blocks built from them."""

import html
import re
from typing import Any

from markdown_it.tree import SyntaxTreeNode

from thoughtpieces.importing.text import (
    clean,
    split_statute_heading,
)

_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_ATTRIBUTION_INLINE = re.compile(r"\s+(?:—|--)\s*(?P<attribution>[^—]+?)$")
_ATTRIBUTION_LINE = re.compile(r"^(?:—|--|–|-)\s*(?P<attribution>\S.*)$")


# --- inline content ---------------------------------------------------------------


def inline_html(node: SyntaxTreeNode) -> str:
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
            parts.append(f"<b>{inline_html(child)}</b>")
        elif child.type == "em":
            parts.append(f"<i>{inline_html(child)}</i>")
        elif child.type == "link":
            href = str(child.attrs.get("href", ""))
            inner = inline_html(child)
            if href.lower().startswith(_SAFE_SCHEMES):
                parts.append(f'<a href="{html.escape(href, quote=True)}">{inner}</a>')
            else:
                parts.append(inner)
        elif child.children:
            parts.append(inline_html(child))
    return " ".join("".join(parts).split())


def inline_text(node: SyntaxTreeNode, breaks: str = " ") -> str:
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
            parts.append(inline_text(child, breaks))
    return "".join(parts)


def inline_child(node: SyntaxTreeNode) -> SyntaxTreeNode:
    """The inline child of a paragraph, heading or table cell."""
    return node.children[0]


def text_of(node: SyntaxTreeNode) -> str:
    """Plain text of any block node (all its inline descendants, space-joined)."""
    if node.type == "inline":
        return clean(inline_text(node))
    return " ".join(text for text in (text_of(child) for child in node.children) if text)


def lone_image(paragraph: SyntaxTreeNode) -> SyntaxTreeNode | None:
    children = [
        child
        for child in inline_child(paragraph).children
        if not (child.type == "text" and not child.content.strip()) and child.type != "softbreak"
    ]
    if len(children) == 1 and children[0].type == "image":
        return children[0]
    return None


def list_items(node: SyntaxTreeNode) -> list[str]:
    """Plain text items of a list; items of nested lists follow their parent item."""
    items: list[str] = []
    for item in node.children:
        own = [text_of(child) for child in item.children if child.type == "paragraph"]
        if text := clean(" ".join(own)):
            items.append(text)
        for child in item.children:
            if child.type in ("bullet_list", "ordered_list"):
                items.extend(list_items(child))
    return items


def link_href(node: SyntaxTreeNode) -> str:
    for child in node.walk():
        if child.type == "link":
            href = str(child.attrs.get("href", ""))
            if href.lower().startswith(("http://", "https://")):
                return href
    return ""


# --- blocks -----------------------------------------------------------------------


def quotation_value(node: SyntaxTreeNode) -> dict[str, str]:
    children = list(node.children)
    attribution = ""
    if len(children) > 1 and children[-1].type == "bullet_list" and len(children[-1].children) == 1:
        attribution = " ".join(list_items(children[-1]))
        children = children[:-1]
    paragraphs: list[str] = []
    for child in children:
        if child.type == "paragraph":
            paragraphs.append(inline_text(inline_child(child), breaks="\n"))
        elif child.type in ("bullet_list", "ordered_list"):
            paragraphs.append("\n".join(list_items(child)))
        else:
            paragraphs.append(text_of(child))
    if not attribution and paragraphs:
        lines = paragraphs[-1].split("\n")
        if len(lines) > 1 and (line := _ATTRIBUTION_LINE.match(clean(lines[-1]))):
            attribution, paragraphs[-1] = line["attribution"], "\n".join(lines[:-1])
        elif inline := _ATTRIBUTION_INLINE.search(paragraphs[-1]):
            attribution = inline["attribution"]
            paragraphs[-1] = paragraphs[-1][: inline.start()]
    quote = "\n\n".join(text for text in map(clean, paragraphs) if text)
    return {"quote": quote, "attribution": clean(attribution)}


def statute_value(node: SyntaxTreeNode) -> dict[str, Any] | None:
    children = list(node.children)
    if not children or children[0].type != "paragraph":
        return None
    lines = inline_text(inline_child(children[0]), breaks="\n").split("\n")
    heading = split_statute_heading(lines[0])
    lists = [child for child in children if child.type == "ordered_list"]
    if not heading or not lists:
        return None
    introduction = [clean(line) for line in lines[1:]]
    clauses: list[str] = []
    for child in children[1:]:
        if child.type == "ordered_list":
            clauses.extend(list_items(child))
        elif not clauses:
            introduction.append(text_of(child))
        else:
            clauses[-1] = f"{clauses[-1]} {text_of(child)}"
    return {
        "title": heading[0],
        "citation": heading[1],
        "introduction": " ".join(text for text in introduction if text),
        "clauses": clauses,
    }


def table_rows(node: SyntaxTreeNode) -> tuple[list[str], list[list[str]]]:
    header: list[str] = []
    rows: list[list[str]] = []
    for section in node.children:
        for row in section.children:
            cells = [text_of(cell) for cell in row.children]
            if section.type == "thead":
                header = cells
            else:
                rows.append(cells)
    width = len(header)
    rows = [(row + [""] * width)[:width] for row in rows]
    return header, rows
