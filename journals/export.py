"""Export a learner's journal as Markdown or PDF (CPD evidence)."""

from django.template.loader import render_to_string
from django.utils import timezone

from .models import JournalEntry


def journal_entries_for_export(*, user, start=None, end=None, piece_id=None):
    entries = JournalEntry.objects.filter(author=user).select_related("question__page")
    if start:
        entries = entries.filter(created_at__date__gte=start)
    if end:
        entries = entries.filter(created_at__date__lte=end)
    if piece_id:
        entries = entries.filter(question__page_id=piece_id)
    return entries.order_by("created_at")


def journal_markdown(*, user, entries) -> str:
    lines = [
        f"# Reflective journal: {user.display_name or user.email}",
        "",
        f"Exported from IOM Compass on {timezone.localdate():%-d %B %Y}.",
        "",
    ]
    for entry in entries:
        lines += [f"## {entry.display_title}", ""]
        if entry.question_id:
            lines += [f"*{entry.question.page.title}* · question: {entry.question.text}", ""]
        lines += [
            f"Written {timezone.localtime(entry.created_at):%-d %B %Y}; "
            f"last saved {timezone.localtime(entry.updated_at):%-d %B %Y}.",
            "",
            entry.body.strip(),
            "",
        ]
    return "\n".join(lines)


def journal_pdf(*, user, entries, request) -> bytes:
    from weasyprint import HTML

    from thoughtpieces.brochure import local_files_fetcher

    html = render_to_string(
        "journals/journal_pdf.html",
        {"owner": user, "entries": entries, "today": timezone.localdate()},
        request=request,
    )
    return HTML(
        string=html, base_url=request.build_absolute_uri("/"), url_fetcher=local_files_fetcher()
    ).write_pdf()
