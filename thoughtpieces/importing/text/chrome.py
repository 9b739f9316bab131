"""Site chrome copied with a page: navigation lines, breadcrumbs, cookie banners."""

import re

from .cleaning import clean

_WEEKDAY_DATE = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s+\d{1,2}(?:st|nd|rd|th)?"
    r"\s+[a-z]+,?\s+\d{4}"
)
_CHROME = re.compile(
    r"^(?:"
    r"create your own brochure|\[?(?:skip|jump) to (?:the )?(?:main )?(?:content|navigation)\]?"
    r"|skip navigation|search our site|search this site|search|menu|main menu|close menu"
    r"|log ?in|sign in|log ?out|sign out|register"
    r"|(?:↑\s*)?back to (?:the )?top(?: of (?:the )?page)?|return to top|top of page|to top"
    r"|back to (?:list|index|results|search results|news|blog|home|all [\w ]{1,30})"
    r"|print|print this (?:page|article|post|piece)|print page|email this page"
    r"|share|share this|share this (?:page|article|post|piece)|share (?:on|via) \w+"
    r"|facebook|twitter|x|linkedin|email|whatsapp|tweet|bluesky"
    r"|download (?:as )?pdf|download this (?:page|article|piece|thought piece)(?: as pdf)?"
    r"|accept(?: all| additional)? cookies|reject(?: all| additional)? cookies|accept all"
    r"|reject all|accept|reject|cookie (?:settings|preferences|policy)|manage cookies"
    r"|manage cookie preferences|view cookies|change your cookie settings|hide this message"
    r"|hide cookie message|i agree|got it"
    r"|(?:page )?last (?:updated|modified|reviewed|edited)(?: on)?:?\s*"
    r"(?:\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"[a-z]*\b|today|yesterday).{0,40}"
    r"|(?:©|\(c\)|copyright\s+(?:©|\(c\)|\d{4})).{0,120}|all rights reserved"
    r"|comments?(?: \(\d+\))?|\d+ comments?|leave a (?:comment|reply)|add a comment"
    r"|no comments yet|be the first to comment"
    r"|was this page (?:helpful|useful)\?(?: yes no)?|is this page useful\?(?: yes no)?"
    r"|yes|no|report a problem with this page|rate this page|advertisement"
    r"|\d+ min(?:ute)?s? read|reading time:? .{0,20}"
    r"|" + _WEEKDAY_DATE + r"|[.·|•]+"
    r")[.!]?$",
    re.IGNORECASE,
)
_PAGER_WORDS = re.compile(
    r"previous|prev|next|older|newer|post|posts|article|articles|page|piece|thought|entries"
    r"|[‹›«»←→<>|:\-–—\s]",
    re.IGNORECASE,
)
_CRUMB_SEPARATOR = re.compile(r"\s*(?:>|»|›|→|\\)\s*|\s+[/|]\s+")
_CRUMB_START = re.compile(r"^(?:you are here|breadcrumbs?|location)\s*:\s*", re.IGNORECASE)
_COOKIE_BANNER = re.compile(
    r"\bcookies?\b.*\b(?:accept|agree|consent|settings|preferences|improve|essential|"
    r"analytics)\b|\b(?:we use|this (?:web)?site uses|uses)\b.*\bcookies?\b",
    re.IGNORECASE,
)


def is_chrome(line: str) -> bool:
    """A whole line of site navigation: 'Print this page', '‹ Previous Next ›', 'Back to top'."""
    text = clean(line)
    if len(text) > 160:
        return False
    if _CHROME.match(text):
        return True
    # Pagers: 'Previous Next', '« Previous post | Next post »', '← Older posts'.
    return bool(re.search(r"previous|prev|next|older|newer", text, re.I)) and not (
        _PAGER_WORDS.sub("", text)
    )


def is_breadcrumb(line: str) -> bool:
    """'Home > Knowledge Resource > Thought Pieces', 'Home / Blog / …', 'Home » News'."""
    text = _CRUMB_START.sub("", clean(line))
    if len(text) > 200 or not any(mark in text for mark in ">»›→\\/|"):
        return False
    parts = [part for part in _CRUMB_SEPARATOR.split(text) if part]
    if len(parts) < 2 or any(len(part.split()) > 15 for part in parts):
        return False
    if parts[0].lower() in ("home", "homepage", "home page", "start"):
        return True
    arrows = len(re.findall(r">|»|›|→", text))
    return arrows >= 2 and len(parts) >= 3 and all(len(p.split()) <= 8 for p in parts)


def is_cookie_banner(text: str) -> bool:
    """A paragraph asking about cookies ('We use cookies to … Accept all cookies')."""
    text = clean(text)
    return len(text.split()) <= 90 and bool(_COOKIE_BANNER.search(text))
