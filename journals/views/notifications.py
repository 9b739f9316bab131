"""Notifications of comments: the list, and following one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..models import Notification


@login_required
def notifications(request):
    """The list (a GET changes nothing); "Mark all as read" is a POST."""
    if request.method == "POST":
        services.notifications_mark_read(user=request.user)
        messages.success(request, gettext("All notifications are marked as read."))
        return redirect("journals:notifications")
    items = selectors.notifications_for(user=request.user)
    return render(request, "journals/notifications.html", {"notifications": items})


@login_required
@require_POST
def notification_open(request, pk: int):
    """Follow one notification: mark it read (a POST), then go to the comment."""
    note = get_object_or_404(
        Notification.objects.select_related("comment"), pk=pk, user=request.user
    )
    services.notifications_mark_read(user=request.user, notification_id=note.pk)
    comment = note.comment
    if comment.team_id:
        url = reverse("journals:team_entry", args=[comment.team_id, comment.entry_id])
        return redirect(f"{url}#comment-{comment.pk}")
    return redirect("journals:entry", comment.entry_id)
