"""GOV.UK pagination under a paged list (`templates/components/pagination/numbered.html`)."""

from collections.abc import Callable

from django.core.paginator import Page


def page_numbers(page: Page) -> list[int | None]:
    """Page numbers for the GOV.UK pagination: the first, the last, the current one
    and its neighbours, None where numbers are left out (an ellipsis)."""
    last = page.paginator.num_pages
    shown = sorted(
        {1, last, page.number - 1, page.number, page.number + 1} & set(range(1, last + 1))
    )
    links: list[int | None] = []
    for number in shown:
        if links and number - links[-1] > 1:
            links.append(None)
        links.append(number)
    return links


def pagination_links(page: Page | None, link: Callable[[int], str]) -> dict:
    """`pages`, `previous_url` and `next_url` for the component, with `link(number)`
    making each address (so a list keeps its search and filters); empty for a list
    of one page."""
    if page is None or page.paginator.num_pages < 2:
        return {"pages": [], "previous_url": "", "next_url": ""}
    return {
        "pages": [
            {"number": number, "url": link(number) if number else ""}
            for number in page_numbers(page)
        ],
        "previous_url": link(page.previous_page_number()) if page.has_previous() else "",
        "next_url": link(page.next_page_number()) if page.has_next() else "",
    }
