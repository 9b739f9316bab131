"""The crawler: as each demo role, follow every same-origin link from the home
page in Chromium and fail on any link that answers 404 or 5xx, and on any page
wider than the viewport at 320 or 1280 px (WCAG 1.4.10 reflow).

What it does not follow: the Wagtail admin (its own product, tested elsewhere),
sign-out (a POST form, never a link), and files (exports, PDFs, CSV, documents):
those get a GET for their status only, never a render. URLs that differ only by
ids of the same kind (`/journal/entries/12/` and `/journal/entries/13/`) are one
pattern, and only the first few of each pattern are opened, so a role's crawl
stays short however much demo data there is.
"""

import re
import time
from collections import deque
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from .helpers import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROLES = {
    "anonymous": None,
    "practitioner": "practitioner@example.org",
    "trainer": "trainer@example.org",
    "team lead": "teamlead@example.org",
    "administrator": "admin@example.org",
}
WIDTHS = (320, 1280)
PER_PATTERN = 3  # pages opened per URL pattern (ids of one kind count as one)
MAX_PAGES = 120  # per role: a runaway link generator fails loudly, not slowly
BAD_STATUS = {404} | set(range(500, 600))

# Not crawled at all: the admin, and the sign-out / two-factor flows.
SKIP_PREFIXES = ("/admin/", "/account/sign-out/", "/account/logout/", "/csp-report/")
# Fetched for their status, never rendered: downloads.
FILE_PATTERN = re.compile(
    r"(\.(csv|pdf|zip|json|ya?ml|png|jpe?g|gif|svg|webp|docx?|xlsx?)$)"
    r"|/(export|download|brochure)(/|\.|$)|^/documents/|^/media/",
    re.IGNORECASE,
)


def url_pattern(path: str, query: str) -> str:
    """`/learning/team/3/members/17/` → `/learning/team/N/members/N/`; query values dropped."""
    keys = sorted({key for key, _ in parse_qsl(query, keep_blank_values=True)})
    return re.sub(r"\d+", "N", path) + ("?" + "&".join(keys) if keys else "")


class Crawl:
    def __init__(self, page, origin: str):
        self.page = page
        self.origin = origin
        self.seen: set[str] = set()
        self.per_pattern: dict[str, int] = {}
        self.queue: deque[tuple[str, str]] = deque()
        self.bad_links: list[str] = []
        self.too_wide: list[str] = []
        self.visited: list[str] = []
        self.files: list[str] = []

    def add(self, href: str, source: str, *, download: bool = False) -> None:
        parts = urlsplit(href)
        if parts.scheme not in ("http", "https") or f"{parts.scheme}://{parts.netloc}" != (
            self.origin
        ):
            return
        path = parts.path or "/"
        if path.startswith(SKIP_PREFIXES):
            return
        query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
        url = path + ("?" + query if query else "")
        if url in self.seen:
            return
        pattern = url_pattern(path, query)
        if self.per_pattern.get(pattern, 0) >= PER_PATTERN:
            return
        self.per_pattern[pattern] = self.per_pattern.get(pattern, 0) + 1
        self.seen.add(url)
        if download or FILE_PATTERN.search(path):
            self.check_file(url, source)
        else:
            self.queue.append((url, source))

    def check_file(self, url: str, source: str) -> None:
        response = self.page.request.get(self.origin + url, max_redirects=5)
        self.files.append(url)
        if response.status in BAD_STATUS:
            self.bad_links.append(f"{url} answered {response.status} (linked from {source})")
        response.dispose()

    def visit(self, url: str, source: str) -> None:
        page = self.page
        page.set_viewport_size({"width": WIDTHS[-1], "height": 900})
        response = page.goto(url, wait_until="load")
        self.visited.append(url)
        status = response.status if response else 0
        if status in BAD_STATUS:
            self.bad_links.append(f"{url} answered {status} (linked from {source})")
            return
        landed = urlsplit(page.url)
        if f"{landed.scheme}://{landed.netloc}" != self.origin or landed.path.startswith(
            SKIP_PREFIXES
        ):
            return  # redirected out of what we crawl (e.g. into the admin)
        for width in sorted(WIDTHS, reverse=True):
            if width != WIDTHS[-1]:
                page.set_viewport_size({"width": width, "height": 900})
            scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
            if scroll_width > width:
                widest = page.evaluate(WIDEST_ELEMENT, width)
                self.too_wide.append(
                    f"{url} at {width} px is {scroll_width} px wide (widest: {widest}; "
                    f"linked from {source})"
                )
        here = page.url
        for href, download in page.eval_on_selector_all(
            "a[href]", "links => links.map(a => [a.href, a.hasAttribute('download')])"
        ):
            self.add(href.split("#", 1)[0], here.removeprefix(self.origin), download=download)

    def run(self) -> None:
        self.add(self.origin + "/", "(start)")
        while self.queue:
            assert len(self.visited) < MAX_PAGES, (
                f"more than {MAX_PAGES} pages: is a link generating new URLs? "
                f"Patterns: {sorted(self.per_pattern)}"
            )
            self.visit(*self.queue.popleft())


# The element sticking out furthest to the right, so a failure says where to look
# (elements inside a scrolling box, such as a wrapped table, are not to blame).
WIDEST_ELEMENT = """(width) => {
  const clipped = (element) => {
    for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") return true;
    }
    return false;
  };
  let found = null, right = width;
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    if (box.right > right + 0.5 && !clipped(element)) { right = box.right; found = element; }
  }
  if (!found) return "?";
  const classes = [...found.classList].slice(0, 2).map((name) => "." + name).join("");
  const id = found.id ? "#" + found.id : "";
  return `${found.tagName.toLowerCase()}${id}${classes} to ${Math.round(right)} px`;
}"""


@pytest.mark.parametrize("role", list(ROLES))
def test_every_linked_page_answers_and_fits_the_screen(page, live_server, demo, role):
    started = time.monotonic()
    email = ROLES[role]
    if email:
        sign_in(page, email, demo)
    crawl = Crawl(page, live_server.url)
    crawl.run()
    took = time.monotonic() - started
    print(
        f"{role}: {len(crawl.visited)} pages rendered, {len(crawl.files)} files checked, "
        f"{len(crawl.per_pattern)} patterns, {took:.1f} s"
    )
    assert len(crawl.visited) > 5, f"the crawl found almost nothing: {crawl.visited}"
    problems = [f"- {line}" for line in crawl.bad_links + crawl.too_wide]
    assert not problems, f"As {role}, {len(problems)} problem(s):\n" + "\n".join(problems)
