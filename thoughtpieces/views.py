from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from . import selectors
from .brochure import brochure_pdf, brochure_unavailable_reason
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
    selected = [
        {"page": piece, **selectors.thought_piece_reading_context(page=piece)}
        for piece in pieces
        if piece.pk in chosen
    ]
    pdf = brochure_pdf(pieces=selected, request=request)
    response = HttpResponse(pdf, content_type="application/pdf")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="thought-pieces-{stamp}.pdf"'
    return response


def glossary(request):
    terms = selectors.GlossaryTerm.objects.all()
    return render(request, "thoughtpieces/glossary.html", {"terms": terms})
