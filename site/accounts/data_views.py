"""Download my data: request an export, watch it being built, download it."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from iomsite.ratelimits import rate_limit

from .models import DataExport
from .tasks import personal_data_export_build


@login_required
def data_exports(request):
    exports = DataExport.objects.filter(user=request.user)[:5]
    return render(request, "accounts/data_exports.html", {"exports": exports})


@login_required
@require_POST
@rate_limit("export")
def data_export_request(request):
    in_progress = DataExport.objects.filter(
        user=request.user, status__in=[DataExport.Status.QUEUED, DataExport.Status.RUNNING]
    )
    running = in_progress.first()
    if running is not None:  # a double click, or impatience: one export at a time
        return redirect("accounts:data_export", running.pk)
    try:
        with transaction.atomic():  # two at once: the database's constraint decides
            export = DataExport.objects.create(user=request.user)
    except IntegrityError:
        running = in_progress.first()
        if running is None:  # finished in between: start afresh
            raise
        return redirect("accounts:data_export", running.pk)
    transaction.on_commit(lambda: personal_data_export_build.enqueue(export.pk))
    return redirect("accounts:data_export", export.pk)


@login_required
def data_export(request, pk: int):
    export = get_object_or_404(DataExport, pk=pk, user=request.user)
    template = "accounts/data_export.html"
    if request.htmx:
        template += "#status"
    return render(request, template, {"export": export})


@login_required
def data_export_download(request, pk: int):
    export = get_object_or_404(DataExport, pk=pk, user=request.user, status=DataExport.Status.READY)
    path = settings.PRIVATE_FILES_ROOT / "exports" / export.file_name
    if not export.file_name or not path.is_file():
        raise Http404("This export is no longer available")
    stamp = export.requested_at.date().isoformat()
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=f"iom-compass-my-data-{stamp}.zip"
    )
