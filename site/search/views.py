from django.shortcuts import render
from django.utils.http import urlencode

from iomsite.ratelimits import rate_limit_exceeded
from iomsite.views import rate_limited

from ..pagination import pagination_links
from .forms import SiteSearchForm
from .selectors import kinds, site_search


def search(request):
    """/search/: every kind of content, grouped and counted, one kind paged.

    A plain GET form, so it works without JavaScript and its results can be
    bookmarked. Only a request that runs a search counts towards the rate limit."""
    form = SiteSearchForm(request.GET if "q" in request.GET else None)
    kind = request.GET.get("kind", "")
    kind = kind if kind in kinds() else ""
    outcome = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            if rate_limit_exceeded(request, "search"):
                return rate_limited(request, None)
            outcome = site_search(
                request=request,
                query=form.cleaned_data["q"],
                kind=kind,
                page_number=request.GET.get("page") or 1,
            )
        elif "q" in form.errors and request.GET.get("q", "").strip():
            status = 400  # too long, or a null character: not an ordinary empty search
    query = form.cleaned_data.get("q", "") if form.is_bound and form.is_valid() else ""

    def link(**params) -> str:
        return "?" + urlencode({"q": query, **{k: v for k, v in params.items() if v}})

    filters = []
    if outcome is not None and outcome.words:
        filters = [{"key": "", "label": "", "count": outcome.total, "url": link()}] + [
            {
                "key": group.kind.key,
                "label": group.kind.label,
                "count": group.count,
                "url": link(kind=group.kind.key),
                "group": group,
            }
            for group in outcome.groups
        ]
    context = {
        "form": form,
        "query": query,
        "kind": kind,
        "kind_label": kinds()[kind].label if kind else "",
        "outcome": outcome,
        "filters": filters,
        **pagination_links(
            outcome.page if outcome is not None else None,
            lambda number: link(kind=kind, page=number),
        ),
    }
    return render(request, "search/search.html", context, status=status)
