"""The learner's own entries as Markdown or PDF."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from iomsite.ratelimits import rate_limit

from ..forms import ExportForm


@login_required
@rate_limit("export", methods=("GET",))
def journal_export(request):
    """Markdown or PDF of the learner's own entries, filtered by date or piece."""
    from thoughtpieces.brochure import brochure_unavailable_reason
    from thoughtpieces.models import ThoughtPiecePage

    from ..export import journal_entries_for_export, journal_markdown, journal_pdf

    pieces = (
        ThoughtPiecePage.objects.filter(questions__journal_entries__author=request.user)
        .distinct()
        .order_by("title")
    )
    form = ExportForm(request.GET or None, pieces=list(pieces))
    if not request.GET or not form.is_valid():
        return render(
            request,
            "journals/journal_export.html",
            {"form": form, "pdf_unavailable": brochure_unavailable_reason()},
            status=400 if form.errors else 200,
        )
    entries = list(
        journal_entries_for_export(
            user=request.user,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
            piece_id=form.cleaned_data["piece"],
        )
    )
    stamp = timezone.localdate().isoformat()
    if form.cleaned_data["format"] == "pdf":
        unavailable = brochure_unavailable_reason()
        if unavailable:
            form.add_error("format", f"PDF is not available on this server: {unavailable}")
            return render(
                request,
                "journals/journal_export.html",
                {"form": form, "pdf_unavailable": unavailable},
                status=503,
            )
        pdf = journal_pdf(user=request.user, entries=entries, request=request)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="journal-{stamp}.pdf"'
        return response
    text = journal_markdown(user=request.user, entries=entries)
    response = HttpResponse(text, content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="journal-{stamp}.md"'
    return response
