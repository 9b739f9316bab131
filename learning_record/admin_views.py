"""The forwarding queue in the Wagtail admin, for administrators."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from iomsite.accounts.admin_views import can_erase as is_administrator

from .forwarding import forward_pending, forwarding_enabled, queue_summary


def _administrators_only(request) -> None:
    if not is_administrator(request.user):
        raise PermissionDenied


def forwarding_queue(request):
    _administrators_only(request)
    return render(request, "learning_record/admin/queue.html", {"queue": queue_summary()})


@require_POST
def forwarding_send_now(request):
    _administrators_only(request)
    if not forwarding_enabled():
        messages.error(request, _("No LRS is set up (XAPI_LRS_ENDPOINT), so nothing was sent."))
        return redirect("learning_record_queue")
    result = forward_pending(force=True)
    if result.error:
        messages.error(
            request,
            _("Sent %(sent)s, then the LRS failed: %(error)s")
            % {"sent": result.sent, "error": result.error},
        )
    else:
        messages.success(request, _("Sent %(sent)s statement(s).") % {"sent": result.sent})
    return redirect("learning_record_queue")
