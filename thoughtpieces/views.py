from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from iomsite.ratelimits import rate_limit_exceeded
from iomsite.views import rate_limited

from . import selectors
from .brochure import (
    brochure_claim,
    brochure_key,
    brochure_pdf,
    brochure_store,
    brochure_unavailable_reason,
    cached_brochure,
)
from .forms import BrochureForm, ThoughtPieceSearchForm


def _index_context(request, index_page, *, brochure_form=None):
    topics = list(selectors.topics_in_use(index_page=index_page))
    search_form = ThoughtPieceSearchForm(request.GET or None, topics=topics)
    query = topic = ""
    if search_form.is_valid():
        query = search_form.cleaned_data["q"]
        topic = search_form.cleaned_data["topic"]
    results = selectors.thought_piece_search(index_page=index_page, query=query, topic=topic)
    all_pieces = list(selectors.live_thought_pieces(index_page=index_page).only("id", "title"))
    return {
        "search_form": search_form,
        "query": query,
        "topic": topic,
        "topics": topics,
        "results": results,
        "brochure_form": brochure_form or BrochureForm(pieces=all_pieces),
        "brochure_unavailable": brochure_unavailable_reason(),
    }


def thought_piece_index(request, *, index_page):
    return index_page.render(request, context_overrides=_index_context(request, index_page))


def thought_piece_brochure(request, *, index_page):
    pieces = list(selectors.live_thought_pieces(index_page=index_page))
    form = BrochureForm(request.GET or None, pieces=pieces)
    unavailable = brochure_unavailable_reason()
    if unavailable or not form.is_valid():
        context = _index_context(request, index_page, brochure_form=form if form.is_bound else None)
        if not form.is_bound:
            form.is_valid()  # an empty submission still says what is missing
            context["brochure_form"] = BrochureForm({}, pieces=pieces)
        response = index_page.render(request, context_overrides=context)
        response.status_code = 503 if unavailable else 400
        return response
    chosen = set(form.cleaned_data["piece"])
    pages = [piece for piece in pieces if piece.pk in chosen]
    key = brochure_key(pages)
    path = cached_brochure(key)
    if path is None:
        # Only a build counts towards the rate limit; a ready brochure is a file read.
        if rate_limit_exceeded(request, "brochure"):
            return rate_limited(request, None)
        if len(pages) > settings.BROCHURE_BACKGROUND_PIECES:
            from .tasks import brochure_build

            if brochure_claim(key):
                brochure_build.enqueue([page.pk for page in pages])
            path = cached_brochure(key)  # ready already where tasks run at once
            if path is None:
                return render(
                    request,
                    "thoughtpieces/brochure_preparing.html",
                    {
                        "index_url": index_page.url,
                        "count": len(pages),
                        "again": request.get_full_path(),
                    },
                    status=202,
                )
        else:
            selected = [
                {"page": piece, **selectors.thought_piece_reading_context(page=piece)}
                for piece in pages
            ]
            path = brochure_store(key=key, pdf=brochure_pdf(pieces=selected, request=request))
    response = HttpResponse(path.read_bytes(), content_type="application/pdf")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="thought-pieces-{stamp}.pdf"'
    return response


def glossary(request):
    terms = selectors.GlossaryTerm.objects.all()
    return render(request, "thoughtpieces/glossary.html", {"terms": terms})
