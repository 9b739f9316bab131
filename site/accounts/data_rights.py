"""
Everything the platform holds about a person, for "Download my data" and for
erasure by an administrator.

`HOLDINGS` names every model field that points at a user, with what the export
includes and what erasure does. A test walks every foreign key to the user model
and fails if one is missing here, so a new model cannot quietly keep personal
data out of both.

Erasure anonymises the user row (so counts, scores and completions stay in
aggregates and reports) and deletes or blanks everything personal: team
memberships, sessions, and what each app says (journal entries with their
revisions, shares and comments; the text of their comments elsewhere; dilemma
reasons; notifications).

Each app declares its own rows and erasure code in `<app>/data_rights.py`,
registered in its `registrations.py` (`iomsite.registry.data_holdings`,
`data_erasers`, `data_export_sections`); this module knows no app above the base.
"""

import json
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.template.loader import render_to_string
from django.utils import timezone

from .. import registry

logger = logging.getLogger(__name__)

DELETE, ANONYMISE, KEEP = "delete", "anonymise", "keep"


@dataclass(frozen=True)
class Holding:
    label: str  # "app_label.Model"
    field: str  # the field pointing at the user
    section: str | None  # file in the export, or None
    erase: str  # DELETE, ANONYMISE or KEEP
    why: str = ""
    lookup: str = ""  # the filter to the user's rows, if not `field`

    @property
    def model(self):
        return apps.get_model(self.label)

    def rows(self, user):
        lookup = self.lookup or self.field
        return self.model._default_manager.filter(**{lookup: user.pk if lookup == "pk" else user})


CONTENT = "authored content belongs to the organisation; the link shows the anonymised name"
AUDIT = "an audit trail of the admin; kept with the anonymised name"

BASE_HOLDINGS = [
    Holding("accounts.User", "id", "profile", ANONYMISE, "the row stays for counts", "pk"),
    Holding("teams.TeamMembership", "user", "teams", DELETE),
    Holding("teams.Team", "members", None, DELETE, "through TeamMembership"),
    Holding("teams.TeamInvitation", "user", "teams/invitations", DELETE),
    Holding("teams.TeamInvitation", "invited_by", None, KEEP, AUDIT),
]
# After every app's holdings: the admin's and Wagtail's.
BASE_TAIL = [
    Holding("accounts.DataExport", "user", None, DELETE, "the exports themselves"),
    # A count of writes, no personal data; it outlives the person on purpose
    # (record_stamp: an id handed out again never finds a number it had).
    Holding("accounts.RecordStamp", "user", None, KEEP, "a cache key, no personal data"),
    Holding("wagtailusers.UserProfile", "user", "admin/profile", DELETE),
    # Two-factor sign-in: secrets, never exported; erasure removes them.
    Holding("otp_totp.TOTPDevice", "user", None, DELETE, "two-factor secret"),
    Holding("otp_static.StaticDevice", "user", None, DELETE, "recovery codes"),
    Holding("wagtailcore.PageSubscription", "user", None, DELETE),
    Holding("wagtailcore.APIToken", "user", None, DELETE),
    Holding("wagtailadmin.EditingSession", "user", None, DELETE),
    Holding("wagtailadmin.FormState", "user", None, DELETE),
    Holding("wagtailcore.Comment", "user", "admin/comments", KEEP, "editorial review"),
    Holding("wagtailcore.Comment", "resolved_by", None, KEEP, AUDIT),
    Holding("wagtailcore.CommentReply", "user", None, KEEP, "editorial review"),
    Holding("wagtailcore.ModelLogEntry", "user", None, KEEP, AUDIT),
    Holding("wagtailcore.PageLogEntry", "user", None, KEEP, AUDIT),
    Holding("wagtailcore.Revision", "user", None, KEEP, CONTENT),
    Holding("wagtailcore.TaskState", "finished_by", None, KEEP, AUDIT),
    Holding("wagtailcore.WorkflowState", "requested_by", None, KEEP, AUDIT),
    Holding("wagtailcore.UploadedFile", "uploaded_by_user", None, KEEP, CONTENT),
    Holding("wagtaildocs.Document", "uploaded_by_user", None, KEEP, CONTENT),
    Holding("wagtailimages.Image", "uploaded_by_user", None, KEEP, CONTENT),
    # Every page type's owner and lock holder: authored content.
    *(
        Holding(label, field, None, KEEP, CONTENT)
        for label in [
            "wagtailcore.Page",
            "home.HomePage",
            "home.StandardPage",
        ]
        for field in ("owner", "locked_by")
    ),
]


def page_type_holdings(*labels: str) -> list[Holding]:
    """Each page type's owner and lock holder: authored content, kept."""
    return [
        Holding(label, field, None, KEEP, CONTENT)
        for label in labels
        for field in ("owner", "locked_by")
    ]


class _Holdings:
    """The base's holdings, then every app's (`iomsite.registry.data_holdings`,
    registered in each app's `registrations.py`), read when used."""

    def __iter__(self):
        return iter([*BASE_HOLDINGS, *registry.data_holdings, *BASE_TAIL])

    def __len__(self):
        return len(BASE_HOLDINGS) + len(registry.data_holdings) + len(BASE_TAIL)


HOLDINGS = _Holdings()

# Fields never exported: secrets, and copies of the text kept elsewhere.
NOT_EXPORTED = {"password", "body_html"}


def _row(instance) -> dict:
    """Every stored field; relations as ids (many-to-many as lists of ids)."""
    data = {"id": instance.pk}
    for field in instance._meta.concrete_fields:
        if field.name not in NOT_EXPORTED:
            value = field.value_from_object(instance)
            data[field.attname] = (value.name or None) if isinstance(value, FieldFile) else value
    for field in instance._meta.many_to_many:
        data[field.name] = [related.pk for related in field.value_from_object(instance)]
    return data


def export_sections() -> list[Holding]:
    return [holding for holding in HOLDINGS if holding.section]


def personal_data_zip(*, user, path: Path, progress=lambda percent: None) -> dict[str, int]:
    """Write the user's data as JSON files plus a readable index.html into a zip at
    `path`, streaming each section; returns the number of rows per section."""
    sections = export_sections()
    counts: dict[str, int] = {}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, holding in enumerate(sections, start=1):
            name = f"{holding.section}.json"
            count = 0
            with archive.open(name, "w") as out:
                out.write(b"[\n")
                for instance in holding.rows(user).order_by("pk").iterator(chunk_size=500):
                    prefix = b",\n" if count else b""
                    out.write(prefix + json.dumps(_row(instance), cls=DjangoJSONEncoder).encode())
                    count += 1
                out.write(b"\n]\n")
            counts[holding.section] = count
            progress(int(90 * number / len(sections)))
        # What an app shows to read as well (the journal's entries).
        readable = [
            render_to_string(panel.template, panel.context(user) if panel.context else {})
            for panel in registry.data_export_sections
        ]
        index = render_to_string(
            "accounts/data_export_index.html",
            {"user": user, "counts": counts, "generated_at": timezone.now(), "sections": readable},
        )
        archive.writestr("index.html", index)
    progress(100)
    return counts


REMOVED = "[removed at the author’s request]"
# An erased account keeps its row (counts stay true) under an address no one can own.
ERASED_EMAIL_DOMAIN = "erased.invalid"


def account_is_erased(user) -> bool:
    """True once `account_erase` has run for this account."""
    return user.email.endswith("@" + ERASED_EMAIL_DOMAIN) and not user.is_active


@transaction.atomic
def account_erase(*, user, actor) -> None:
    """Erase a person: delete or blank their personal data everywhere, and
    anonymise their account so aggregate counts stay true. Cannot be undone."""
    if user.pk == actor.pk:
        raise ValueError("Administrators cannot erase their own account here.")
    for eraser in registry.data_erasers:  # each app's own blanking, before the deletes
        eraser(user)
    _delete_export_files(user)
    profile = apps.get_model("wagtailusers.UserProfile").objects.filter(user=user).first()
    if profile is not None and profile.avatar:
        profile.avatar.delete(save=False)  # MEDIA_ROOT is public
    for holding in HOLDINGS:
        if holding.erase == DELETE and holding.label not in {"teams.Team"}:
            holding.rows(user).delete()
    user.groups.clear()
    _end_sessions(user)
    # Admin log lines about the person carry their name as a label.
    from django.contrib.contenttypes.models import ContentType

    apps.get_model("wagtailcore.ModelLogEntry").objects.filter(
        content_type=ContentType.objects.get_for_model(get_user_model()), object_id=str(user.pk)
    ).update(label="Former user")
    User = get_user_model()
    User.objects.filter(pk=user.pk).update(
        email=f"erased-{user.pk}@{ERASED_EMAIL_DOMAIN}",
        display_name="Former user",
        agency="",
        is_active=False,
        password="!",
        first_name="",
        last_name="",
    )
    logger.info("Account %s erased by administrator %s", user.pk, actor.pk)


def _delete_export_files(user) -> None:
    from django.conf import settings

    folder = Path(settings.PRIVATE_FILES_ROOT) / "exports"
    DataExport = apps.get_model("accounts.DataExport")
    for export_id in DataExport.objects.filter(user=user).values_list("pk", flat=True):
        for path in folder.glob(f"{export_id}-*.zip"):
            path.unlink(missing_ok=True)


def _end_sessions(user) -> None:
    """Sign the person out everywhere (through the session store, so a cached
    session backend forgets them too)."""
    from importlib import import_module

    from django.conf import settings

    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            store(session_key=session.session_key).delete()
