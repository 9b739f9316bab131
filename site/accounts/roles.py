"""
The four roles, as Django groups with clear permissions.

- Practitioner: learns and reflects on the public site; no admin access.
- Trainer: authors content in the Wagtail admin the way Wagtail's "Editors"
  do (add, edit, submit for moderation; images and documents). Publishing
  goes through a moderator.
- Team lead: sees and manages the membership of the teams they lead.
- Administrator: Wagtail's "Moderators" model (publishes, and approves what
  trainers submit through the "Content review" workflow) plus people, teams
  and site settings.

`roles_ensure` is idempotent: a data migration runs it, and `load_demo` runs
it again so a database created before a permission was added catches up.
"""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.translation import gettext_lazy as _

PRACTITIONER = "Practitioner"
TRAINER = "Trainer"
TEAM_LEAD = "Team lead"
ADMINISTRATOR = "Administrator"
ALL_ROLES = [PRACTITIONER, TRAINER, TEAM_LEAD, ADMINISTRATOR]

# (app_label, codename) pairs per role.
CONTENT_AUTHORING = [
    ("wagtailadmin", "access_admin"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    PRACTITIONER: [],
    TRAINER: CONTENT_AUTHORING,
    TEAM_LEAD: [("teams", "lead_team")],
    ADMINISTRATOR: CONTENT_AUTHORING
    + [
        ("wagtailimages", "delete_image"),
        ("wagtaildocs", "delete_document"),
        ("accounts", "add_user"),
        ("accounts", "change_user"),
        ("accounts", "view_user"),
        ("teams", "add_team"),
        ("teams", "change_team"),
        ("teams", "delete_team"),
        ("teams", "view_team"),
        ("teams", "lead_team"),
        ("teams", "manage_all_teams"),
        ("home", "change_footerlinks"),
    ],
}
# Page permissions granted on the site's root page (Wagtail's own model).
ROLE_PAGE_PERMISSIONS: dict[str, list[str]] = {
    TRAINER: ["add_page", "change_page", "lock_page"],
    ADMINISTRATOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
# Collection permissions (images, documents) on the root collection.
ROLE_COLLECTION_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    TRAINER: CONTENT_AUTHORING[1:],
    ADMINISTRATOR: CONTENT_AUTHORING[1:]
    + [("wagtailimages", "delete_image"), ("wagtaildocs", "delete_document")],
}


def _permission(app_label: str, codename: str) -> Permission:
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise ImproperlyConfigured(
            f"Role permission {app_label}.{codename} does not exist."
        ) from None


@transaction.atomic
def roles_ensure() -> dict[str, Group]:
    """Create the four role groups and grant exactly their permissions."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    groups = {}
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for name in ALL_ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([_permission(*pair) for pair in ROLE_PERMISSIONS[name]])
        if root_page is not None:
            GroupPagePermission.objects.filter(group=group).delete()
            for codename in ROLE_PAGE_PERMISSIONS.get(name, []):
                GroupPagePermission.objects.create(
                    group=group,
                    page=root_page,
                    permission=_permission("wagtailcore", codename),
                )
        if root_collection is not None:
            GroupCollectionPermission.objects.filter(group=group).delete()
            for pair in ROLE_COLLECTION_PERMISSIONS.get(name, []):
                GroupCollectionPermission.objects.create(
                    group=group, collection=root_collection, permission=_permission(*pair)
                )
        groups[name] = group
    if root_page is not None:
        _review_workflow_ensure(root_page=root_page, approvers=groups[ADMINISTRATOR])
    wagtail_default_workflow_retire()
    return groups


WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def wagtail_default_workflow_retire() -> None:
    """Wagtail's own "Moderators approval" workflow (its task now names the
    Administrator role: accounts migration 0005) is switched off once nothing uses
    it: no page or snippet type is assigned to it and nothing is in moderation on
    it. Until then it keeps working as it did."""
    from wagtail.models import Workflow, WorkflowContentType, WorkflowPage, WorkflowState

    workflow = Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW, active=True).first()
    if workflow is None or workflow.name == REVIEW_WORKFLOW:
        return
    in_use = (
        WorkflowPage.objects.filter(workflow=workflow).exists()
        or WorkflowContentType.objects.filter(workflow=workflow).exists()
        or WorkflowState.objects.active().filter(workflow=workflow).exists()
    )
    if not in_use:
        workflow.active = False
        workflow.save(update_fields=["active"])


REVIEW_WORKFLOW = "Content review"
REVIEW_TASK = "Approval by an administrator"


def _review_workflow_ensure(*, root_page, approvers: Group) -> None:
    """Every page a trainer submits goes to the Administrator role for approval."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
    task.groups.add(approvers)
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


# What `signed_in_facts` read is kept on the request's user object, so every role
# check on one request (two-factor, the navigation, a view's own) is one read,
# and in the shared cache, so most requests make no query for it. The entry
# carries the person's own version (`cache_versions`, read before the query), and
# any change to their groups or authenticator apps bumps it on commit
# (`forget_signed_in_facts`, from accounts.apps), so a read racing a change is
# never kept as current. FACTS_TIMEOUT bounds anything done behind the ORM's back.
FACTS_ATTRIBUTE = "_compass_signed_in_facts"
FACTS_TIMEOUT = 5 * 60
PERSON_VERSION_TIMEOUT = 24 * 60 * 60


def _facts_version(user_id) -> str:
    return f"signed-in-facts:{user_id}"


def signed_in_facts(user) -> tuple[frozenset[str], bool]:
    """The group names a signed-in user holds and whether they have a confirmed
    authenticator app: from the user object, else the shared cache, else one
    query."""
    found = user.__dict__.get(FACTS_ATTRIBUTE)
    if found is not None:
        return found
    from .. import cache_versions

    found = cache_versions.kept(
        _facts_version(user.pk),
        f"accounts:signed-in-facts:{user.pk}",
        lambda: _facts_read(user),
        seconds=FACTS_TIMEOUT,
        version_timeout=PERSON_VERSION_TIMEOUT,
    )
    user.__dict__[FACTS_ATTRIBUTE] = found
    return found


def _facts_read(user) -> tuple[frozenset[str], bool]:
    from django.db.models import Exists, OuterRef
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .models import User

    rows = list(
        User.objects.filter(pk=user.pk)
        .annotate(has_app=Exists(TOTPDevice.objects.filter(user_id=OuterRef("pk"), confirmed=True)))
        .values_list("groups__name", "has_app")
    )
    return (
        frozenset(name for name, _has_app in rows if name),
        any(has_app for _name, has_app in rows),
    )


def forget_signed_in_facts(user=None, *, user_id=None) -> None:
    """After a change to someone's groups or apps: read them afresh everywhere
    (their version bumped now and on commit)."""
    from .. import cache_versions

    if user is not None:
        user.__dict__.pop(FACTS_ATTRIBUTE, None)
        user_id = user.pk
    if user_id is not None:
        cache_versions.bump(_facts_version(user_id), PERSON_VERSION_TIMEOUT)


def role_names(user) -> frozenset[str]:
    """The role (group) names a user holds; none when signed out."""
    if not user.is_authenticated:
        return frozenset()
    return signed_in_facts(user)[0]


def has_role(user, *roles: str) -> bool:
    """Whether the user holds any of `roles` (a superuser holds ADMINISTRATOR)."""
    names = role_names(user)
    if ADMINISTRATOR in roles and getattr(user, "is_superuser", False):
        return True
    return bool(names & set(roles))


def user_roles(user) -> list[str]:
    """The role names a user holds, in the order of ALL_ROLES."""
    names = role_names(user)
    return [role for role in ALL_ROLES if role in names]


ROLE_LABELS = {
    PRACTITIONER: _("Practitioner"),
    TRAINER: _("Trainer"),
    TEAM_LEAD: _("Team lead"),
    ADMINISTRATOR: _("Administrator"),
}


def access_level(user) -> str:
    """What the user admin shows as someone's role: every role they hold, most
    access first; a person with no role group signs in as a practitioner does.
    Reads `user.groups.all()`, so a listing prefetches groups."""
    from .data_rights import account_is_erased

    if account_is_erased(user):
        return str(_("Erased account"))
    names = {group.name for group in user.groups.all()}
    held = [ROLE_LABELS[role] for role in reversed(ALL_ROLES) if role in names]
    if user.is_superuser:
        if ADMINISTRATOR not in names:
            held.insert(0, ROLE_LABELS[ADMINISTRATOR])
        held[0] = _("%(role)s (superuser)") % {"role": held[0]}
    if not held:
        held = [_("Practitioner (no role set)")]
    return ", ".join(str(label) for label in held)
