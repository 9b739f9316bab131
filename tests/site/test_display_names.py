"""Display names cannot hide text or pass for staff (issue 12)."""

import pytest
from django.urls import reverse

from iomsite.accounts.factories import UserFactory
from iomsite.accounts.models import User
from iomsite.accounts.names import display_name_skeleton

pytestmark = pytest.mark.django_db

PROFILE = "accounts:profile_edit"


def change_name(client, name):
    return client.post(reverse(PROFILE), {"display_name": name, "agency": "police"})


@pytest.mark.parametrize(
    "name",
    [
        "Pat \u202eregnarT",  # right-to-left override
        "Pat\u2066 Okafor\u2069",  # isolates
        "Pat\u200fOkafor",  # right-to-left mark
        "Pat\u061cOkafor",  # Arabic letter mark
        "Pat\u200bOkafor",  # zero-width space
        "Pat\u200dOkafor",  # zero-width joiner
        "Pat\u2060Okafor",  # word joiner
        "\ufeffPat Okafor",  # byte order mark
        "Pat\u0007Okafor",  # a control character
        "Pat\ufe0f Okafor",  # a variation selector
        "Pat\u3164Okafor",  # Hangul filler, looks like a space
        "Pa\u0301\u0301\u0301\u0301t",  # a stack of accents
    ],
)
def test_hidden_and_direction_characters_are_refused_with_a_clear_error(
    signed_in, practitioner, name
):
    response = change_name(signed_in(practitioner), name)
    assert response.status_code == 400
    assert '<a href="#id_display_name">' in response.content.decode()
    assert "character" in response.content.decode() or "accents" in response.content.decode()
    practitioner.refresh_from_db()
    assert practitioner.display_name == "Pat Practitioner"


def test_names_are_stored_in_nfkc(signed_in, practitioner):
    full_width_and_a_ligature = "\uff30\uff41\uff54 Oka\ufb01r"
    response = change_name(signed_in(practitioner), full_width_and_a_ligature)
    assert response.status_code == 302
    practitioner.refresh_from_db()
    assert practitioner.display_name == "Pat Okafir"


def test_a_path_that_skips_the_forms_still_stores_no_hidden_characters(db):
    user = User.objects.create_user(
        email="x@example.org", password="x", display_name="Terry\u202e Trainer\u200b"
    )
    user.refresh_from_db()
    assert user.display_name == "Terry Trainer"


@pytest.mark.parametrize(
    "name",
    [
        "Terry Trainer",
        "terry trainer",
        "TERRY  TRAINER",
        "Тerry Trainer",  # Cyrillic Т
        "Terry Trаiner",  # Cyrillic а
        "Τerry Τrainer",  # Greek Tau
        "Terry Tra\u0456ner",  # Cyrillic і
        "\uff34erry Trainer",  # full-width T
    ],
)
def test_a_trainers_name_cannot_be_copied(signed_in, practitioner, trainer, name):
    assert trainer.display_name == "Terry Trainer"
    response = change_name(signed_in(practitioner), name)
    assert response.status_code == 400
    assert "looks like, the name of a trainer" in response.content.decode()


def test_administrators_and_team_leads_names_are_protected_too(
    signed_in, practitioner, administrator, team_lead
):
    client = signed_in(practitioner)
    assert change_name(client, "Ada Administrator").status_code == 400
    assert change_name(client, "Lee Lеad").status_code == 400  # Cyrillic е
    assert change_name(client, "Lee Leadbetter").status_code == 302


def test_staff_keep_their_own_name_and_a_practitioner_can_share_a_practitioners(
    signed_in, trainer, practitioner
):
    assert change_name(signed_in(trainer), "Terry Trainer").status_code == 302
    other = UserFactory(display_name="Sam Smith")
    assert change_name(signed_in(practitioner), other.display_name).status_code == 302


def test_mixed_scripts_are_flagged_and_one_script_is_fine(signed_in, practitioner):
    client = signed_in(practitioner)
    assert change_name(client, "Pаt Okafor").status_code == 302  # Cyrillic а
    practitioner.refresh_from_db()
    assert practitioner.display_name_mixed_script
    for name in ["Пётр Иванов", "Νίκος Παπαδόπουλος", "山田 はな", "José Núñez-O'Brien"]:
        assert change_name(client, name).status_code == 302
        practitioner.refresh_from_db()
        assert not practitioner.display_name_mixed_script, name


def test_administrators_see_a_warning_on_the_user_list_and_edit_page(client, administrator):
    flagged = UserFactory(display_name="Pаt Okafor")  # Cyrillic а
    assert flagged.display_name_mixed_script
    client.force_login(administrator)
    listing = client.get("/admin/users/").content.decode()
    assert "Check name: mixed scripts" in listing
    edit = client.get(f"/admin/users/edit/{flagged.pk}/").content.decode()
    assert "it mixes writing systems" in edit


def test_the_admin_forms_refuse_hidden_characters_and_staff_names(client, administrator, trainer):
    client.force_login(administrator)
    data = {
        "email": "new@example.org",
        "password1": "a long Passphrase 42!",
        "password2": "a long Passphrase 42!",
        "first_name": "New",
        "last_name": "Person",
        "agency": "police",
    }
    for name in ["New\u202e Person", "Terry Trаiner"]:
        response = client.post("/admin/users/new/", {**data, "display_name": name})
        assert response.status_code == 200
        assert not User.objects.filter(email="new@example.org").exists()
    response = client.post("/admin/users/new/", {**data, "display_name": "New Person"})
    assert User.objects.filter(email="new@example.org", display_name="New Person").exists()
    person = UserFactory(display_name="Sam Smith")

    def edit(name):
        fields = {"email": person.email, "first_name": "Sam", "last_name": "Smith"}
        client.post(
            f"/admin/users/edit/{person.pk}/", {**fields, "display_name": name, "agency": "police"}
        )
        person.refresh_from_db()
        return person.display_name

    assert edit("Terry\u200b Trainer") == "Sam Smith"
    assert edit("Terry Trainer") == "Sam Smith"
    assert edit("Sam  Smythe") == "Sam Smythe"


def test_the_skeleton_maps_look_alikes_together():
    assert display_name_skeleton("Lena") == display_name_skeleton("Lеnа")
    assert display_name_skeleton("Lena") != display_name_skeleton("Lina")
