"""Background work for teams: the invitation email.

It runs on the `exports` task backend, the queue production already works
through (docs/DEPLOYMENT.md), so sending mail never adds to the time the lead's
request takes: the answer to an invitation is as quick for an address with an
account as for one without.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from .models import TeamInvitation


@task(backend="exports")
def team_invitation_email_send(invitation_id: int) -> None:
    invitation = (
        TeamInvitation.objects.select_related("team", "user", "invited_by")
        .filter(pk=invitation_id, accepted_at=None, declined_at=None, cancelled_at=None)
        .first()
    )
    if invitation is None or invitation.user is None or not invitation.user.is_active:
        return
    sender = invitation.invited_by.display_name if invitation.invited_by else _("A team lead")
    expires = date_format(timezone.localdate(invitation.expires_at), "j F Y")
    link = settings.WAGTAILADMIN_BASE_URL + reverse("teams:invitation", args=[invitation.token])
    send_mail(
        subject=_("You have been invited to join %(team)s on IOM Compass")
        % {"team": invitation.team.name},
        message=_(
            "%(sender)s has invited you to join %(team)s on IOM Compass. Members of a "
            "team share reflections, and its leads can see your learning progress.\n\n"
            "Sign in to accept or decline: %(link)s\n\n"
            "The invitation expires on %(expires)s. If you were not expecting it, "
            "you can ignore this email or decline.\n"
        )
        % {"sender": sender, "team": invitation.team.name, "link": link, "expires": expires},
        from_email=None,
        recipient_list=[invitation.user.email],
        fail_silently=True,
    )
