"""A team lead invites; only the invited person's acceptance makes them a member,
and the invite form never tells whether an account exists."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from iomsite.accounts.factories import UserFactory
from iomsite.accounts.roles import ADMINISTRATOR
from iomsite.teams import services
from iomsite.teams.factories import TeamMembershipFactory
from iomsite.teams.models import TeamInvitation, TeamMembership

pytestmark = pytest.mark.django_db

SENT = "If that address belongs to an IOM Compass account, we have sent them an invitation."


def invite(client, team, email, **extra):
    return client.post(reverse("teams:detail", args=[team.pk]), {"email": email, **extra})


def answer_page(client, response):
    """The page the lead lands on after inviting, with the parts that differ from
    one request to the next (CSRF token, CSP nonce, the pending list) taken out."""
    page = client.get(response["Location"]).content.decode()
    page = re.sub(r'nonce="[^"]+"', "", page)
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    page = re.sub(r'"X-CSRFToken": "[^"]+"', "", page)
    return re.sub(
        r"<table class=\"govuk-table\">\s*<caption[^>]*>Invitations.*?</table>",
        "",
        page,
        flags=re.S,
    )


def test_a_lead_cannot_add_anyone_directly(
    signed_in, team_lead, team, django_capture_on_commit_callbacks
):
    newcomer = UserFactory(email="new.starter@example.org")
    client = signed_in(team_lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, team, "New.Starter@Example.org")
    assert response.status_code == 302
    assert not TeamMembership.objects.filter(team=team, user=newcomer).exists()
    assert TeamInvitation.objects.filter(team=team, user=newcomer).count() == 1
    with pytest.raises(PermissionDenied):
        services.team_member_add(team=team, actor=team_lead, email=newcomer.email)
    assert not TeamMembership.objects.filter(team=team, user=newcomer).exists()
    [email] = mail.outbox
    assert email.to == ["new.starter@example.org"]
    assert "Lee Lead has invited you to join Northmoor IOM" in email.body
    invitation = TeamInvitation.objects.get(user=newcomer)
    assert f"/team/invitations/{invitation.token}/" in email.body


def test_the_answer_is_the_same_for_an_account_and_for_no_account(
    signed_in, team_lead, team, django_capture_on_commit_callbacks
):
    UserFactory(email="real.person@example.org")
    client = signed_in(team_lead)
    answer_page(client, invite(client, team, "warm-up@example.org"))  # warm caches, use message
    answers = {}
    for address in ("real.person@example.org", "no.such.person@example.org"):
        with CaptureQueriesContext(connection) as queries:
            response = invite(client, team, address)
        answers[address] = (
            response.status_code,
            response["Location"],
            len(queries),
            answer_page(client, response),
        )
    real, nobody = answers.values()
    assert real[:3] == nobody[:3]  # status, where it goes, and the work done (query count)
    assert real[3] == nobody[3]
    assert SENT in real[3]
    assert "There is no active account" not in nobody[3]
    # Both are listed as waiting, as masked addresses only.
    page = client.get(reverse("teams:detail", args=[team.pk])).content.decode()
    assert "r•••@example.org" in page and "n•••@example.org" in page
    assert "real.person@example.org" not in page


def test_no_email_goes_to_an_address_without_an_account(
    signed_in, team_lead, team, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite(signed_in(team_lead), team, "stranger@example.org")
    assert mail.outbox == []
    invitation = TeamInvitation.objects.get(team=team)
    assert invitation.user is None
    assert "stranger" not in invitation.email_hash + invitation.email_hint[1:]


def test_inviting_an_existing_member_is_a_no_op_with_the_same_message(
    signed_in, team_lead, team, django_capture_on_commit_callbacks
):
    member = TeamMembershipFactory(team=team).user
    client = signed_in(team_lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, team, member.email.upper())
    assert response.status_code == 302
    assert SENT in client.get(response["Location"]).content.decode()
    assert not TeamInvitation.objects.exists()
    assert mail.outbox == []
    assert team.memberships.filter(user=member).count() == 1


def test_inviting_twice_sends_one_invitation(
    signed_in, team_lead, team, django_capture_on_commit_callbacks
):
    UserFactory(email="twice@example.org")
    client = signed_in(team_lead)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, team, "twice@example.org")
        response = invite(client, team, "twice@example.org")
    assert SENT in client.get(response["Location"]).content.decode()
    assert TeamInvitation.objects.count() == 1
    assert len(mail.outbox) == 1


def _invitation_for(person, team, lead):
    services.team_invitation_create(team=team, actor=lead, email=person.email)
    return TeamInvitation.objects.get(team=team, email_hint__endswith=person.email.split("@")[1])


def test_accepting_makes_a_member(signed_in, team_lead, team, practitioner):
    invitation = _invitation_for(practitioner, team, team_lead)
    client = signed_in(practitioner)
    team_page = client.get(reverse("teams:list")).content.decode()
    assert "Lee Lead has invited you to join Northmoor IOM." in team_page
    assert client.get(reverse("courses:my_learning")).content.decode().count(invitation.token) == 1
    page = client.get(reverse("teams:invitation", args=[invitation.token]))
    assert page.status_code == 200
    assert "Accept and join the team" in page.content.decode()
    response = client.post(
        reverse("teams:invitation", args=[invitation.token]), {"decision": "accept"}, follow=True
    )
    assert "You are now a member of Northmoor IOM." in response.content.decode()
    assert TeamMembership.objects.filter(team=team, user=practitioner, is_lead=False).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    # Answered: no longer offered, and the lead's list no longer shows it.
    assert invitation.token not in client.get(reverse("teams:list")).content.decode()
    lead_page = signed_in(team_lead).get(reverse("teams:detail", args=[team.pk])).content.decode()
    assert "Invitations waiting for an answer" not in lead_page


def test_a_get_of_the_invitation_changes_nothing(signed_in, team_lead, team, practitioner):
    invitation = _invitation_for(practitioner, team, team_lead)
    signed_in(practitioner).get(
        reverse("teams:invitation", args=[invitation.token]) + "?decision=accept"
    )
    assert not TeamMembership.objects.filter(team=team, user=practitioner).exists()


def test_declining_does_not_make_a_member(signed_in, team_lead, team, practitioner):
    invitation = _invitation_for(practitioner, team, team_lead)
    client = signed_in(practitioner)
    response = client.post(
        reverse("teams:invitation", args=[invitation.token]), {"decision": "decline"}, follow=True
    )
    assert "You declined the invitation to Northmoor IOM." in response.content.decode()
    assert not TeamMembership.objects.filter(team=team, user=practitioner).exists()
    # Answered once: accepting afterwards is not possible.
    again = client.post(
        reverse("teams:invitation", args=[invitation.token]), {"decision": "accept"}
    )
    assert again.status_code == 404
    assert not TeamMembership.objects.filter(team=team, user=practitioner).exists()


def test_an_expired_invitation_cannot_be_accepted(signed_in, team_lead, team, practitioner):
    invitation = _invitation_for(practitioner, team, team_lead)
    TeamInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    client = signed_in(practitioner)
    assert invitation.token not in client.get(reverse("teams:list")).content.decode()
    response = client.post(
        reverse("teams:invitation", args=[invitation.token]), {"decision": "accept"}, follow=True
    )
    assert "This invitation has expired" in response.content.decode()
    assert not TeamMembership.objects.filter(team=team, user=practitioner).exists()


def test_an_expired_invitation_is_renewed_by_inviting_again(team_lead, team, practitioner):
    invitation = _invitation_for(practitioner, team, team_lead)
    TeamInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    services.team_invitation_create(team=team, actor=team_lead, email=practitioner.email)
    renewed = TeamInvitation.objects.get()
    assert renewed.expires_at > timezone.now() + timedelta(days=13)
    assert renewed.token != invitation.token


def test_someone_else_cannot_see_or_accept_another_persons_invitation(
    signed_in, team_lead, team, practitioner
):
    invitation = _invitation_for(practitioner, team, team_lead)
    intruder = UserFactory()
    client = signed_in(intruder)
    url = reverse("teams:invitation", args=[invitation.token])
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "accept"}).status_code == 404
    assert not TeamMembership.objects.filter(team=team, user=intruder).exists()
    # Not even the lead who sent it.
    assert signed_in(team_lead).post(url, {"decision": "accept"}).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_open


def test_an_account_created_after_the_invitation_can_accept_it(signed_in, team_lead, team):
    services.team_invitation_create(team=team, actor=team_lead, email="Later.Joiner@example.org")
    newcomer = UserFactory(email="later.joiner@example.org")
    invitation = TeamInvitation.objects.get()
    response = signed_in(newcomer).post(
        reverse("teams:invitation", args=[invitation.token]), {"decision": "accept"}
    )
    assert response.status_code == 302
    assert TeamMembership.objects.filter(team=team, user=newcomer).exists()


def test_a_lead_cancels_a_pending_invitation(signed_in, team_lead, team, practitioner):
    invitation = _invitation_for(practitioner, team, team_lead)
    response = signed_in(team_lead).post(
        reverse("teams:invitation_cancel", args=[team.pk, invitation.pk]), follow=True
    )
    hint = services.email_hint(practitioner.email)
    assert f"The invitation to {hint} is cancelled." in response.content.decode()
    assert "Invitations waiting for an answer" not in response.content.decode()
    url = reverse("teams:invitation", args=[invitation.token])
    assert signed_in(practitioner).post(url, {"decision": "accept"}).status_code == 404
    assert not TeamMembership.objects.filter(team=team, user=practitioner).exists()


def test_a_lead_cannot_cancel_another_teams_invitation(signed_in, team_lead, team, other_team):
    admin = UserFactory(roles=[ADMINISTRATOR])
    services.team_invitation_create(team=other_team, actor=admin, email="x@example.org")
    invitation = TeamInvitation.objects.get()
    for team_id in (team.pk, other_team.pk):
        response = signed_in(team_lead).post(
            reverse("teams:invitation_cancel", args=[team_id, invitation.pk])
        )
        assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_open


def test_only_an_administrator_invites_a_lead(signed_in, team_lead, team, practitioner):
    with pytest.raises(PermissionDenied):
        services.team_invitation_create(
            team=team, actor=team_lead, email=practitioner.email, as_lead=True
        )
    # The lead's form has no such box; a forged field is ignored.
    invite(signed_in(team_lead), team, practitioner.email, as_lead="on")
    assert TeamInvitation.objects.get().as_lead is False
    admin = UserFactory(roles=[ADMINISTRATOR])
    other = UserFactory()
    invite(signed_in(admin), team, other.email, as_lead="on")
    invitation = TeamInvitation.objects.get(user=other)
    signed_in(other).post(
        reverse("teams:invitation", args=[invitation.token]), {"decision": "accept"}
    )
    assert TeamMembership.objects.get(team=team, user=other).is_lead


def test_the_invite_action_is_rate_limited(signed_in, team_lead, team, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "team_invite": ("3/h", "100/h")}
    client = signed_in(team_lead)
    codes = [invite(client, team, f"person{n}@example.org").status_code for n in range(5)]
    assert codes == [302, 302, 302, 429, 429]
    assert TeamInvitation.objects.count() == 3


def test_administrators_still_add_members_directly_in_the_wagtail_admin(signed_in, team):
    admin = UserFactory(roles=[ADMINISTRATOR])
    person = UserFactory()
    client = signed_in(admin)
    edit = reverse("team_admin:edit", args=[team.pk])
    form = client.get(edit)
    assert form.status_code == 200
    count = team.memberships.count()
    data = {
        "name": team.name,
        "area": team.area,
        "description": "",
        "memberships-TOTAL_FORMS": str(count + 1),
        "memberships-INITIAL_FORMS": str(count),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for number, membership in enumerate(team.memberships.all()):
        data |= {
            f"memberships-{number}-id": str(membership.pk),
            f"memberships-{number}-user": str(membership.user_id),
            f"memberships-{number}-ORDER": str(number),
            f"memberships-{number}-DELETE": "",
        }
        if membership.is_lead:
            data[f"memberships-{number}-is_lead"] = "on"
    data |= {
        f"memberships-{count}-id": "",
        f"memberships-{count}-user": str(person.pk),
        f"memberships-{count}-ORDER": str(count),
        f"memberships-{count}-DELETE": "",
    }
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert TeamMembership.objects.filter(team=team, user=person).exists()
