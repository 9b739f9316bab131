from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from iomsite.ratelimits import rate_limit_exceeded
from iomsite.views import rate_limited

from .admin_forms import ImportForm
from .importing.document import ImportFailure
from .importing.reader import parse
from .importing.text import split_reference_version
from .models import ThoughtPieceIndexPage
from .services import thought_piece_import

# How the report names a part of a piece the text did not give (ParsedPiece.missing).
GAP_LABELS = {
    "reference": _("reference"),
    "version": _("version"),
    "authors": _("authors"),
    "abstract": _("abstract"),
    "questions": _("questions"),
}


def _index_for(user) -> ThoughtPieceIndexPage:
    index = ThoughtPieceIndexPage.objects.first()
    if index is None or not index.permissions_for_user(user).can_add_subpage():
        raise PermissionDenied
    return index


def import_view(request):
    """Trainers upload or paste Thought Pieces; each becomes a draft (or a new revision)."""
    index = _index_for(request.user)
    # In the view, not @rate_limit: Wagtail's admin turns PermissionDenied into a redirect.
    if request.method == "POST" and rate_limit_exceeded(request, "thoughtpiece_import"):
        return rate_limited(request, None)
    can_publish = index.permissions_for_user(request.user).can_publish_subpage()
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        can_publish=can_publish,
    )
    outcomes = []
    if request.method == "POST" and form.is_valid():
        sources = [(f.name, f.read()) for f in form.cleaned_data["files"]]
        if form.cleaned_data["pasted"].strip():
            sources.append(("pasted text", form.cleaned_data["pasted"].encode("utf-8")))
        typed = form.cleaned_data["reference"]
        for name, data in sources:
            try:
                parsed = parse(data=data, name=name, fmt=form.cleaned_data["format"] or None)
                # No reference in the text and none typed: report the gap, save nothing
                # (the pasted text stays in the form), never file it under a made-up code.
                needs_reference = not parsed.reference and not typed
                with transaction.atomic():
                    result = thought_piece_import(
                        parsed=parsed,
                        parent=index,
                        user=request.user,
                        publish=form.cleaned_data.get("publish", False),
                        dry_run=form.cleaned_data["dry_run"] or needs_reference,
                        reference=typed,
                    )
                outcomes.append(
                    {
                        "name": name,
                        "result": result,
                        "needs_reference": needs_reference,
                        "typed_unused": bool(typed and parsed.reference)
                        and split_reference_version(typed)[0] != parsed.reference,
                        "missing": [GAP_LABELS[gap] for gap in result.missing],
                    }
                )
            except ImportFailure as failure:
                outcomes.append({"name": name, "error": f"{name}: {failure}"})
        if any(outcome.get("needs_reference") for outcome in outcomes):
            form.add_error(
                "reference",
                _("Could not find the reference in the text: type it here and import again."),
            )
    return render(
        request,
        "thoughtpieces/admin/import.html",
        {"form": form, "outcomes": outcomes, "index": index},
        status=400
        if form.errors or any("error" in o or o.get("needs_reference") for o in outcomes)
        else 200,
    )
