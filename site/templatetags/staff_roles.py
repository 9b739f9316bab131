"""Role badges next to the names of staff, so a display name alone cannot pass
for a trainer's, team lead's or administrator's.

The badge comes from the author's roles as they are at render time (groups, and
superuser as Administrator), never from the name. A page looks them up once for
every author it shows: `{% staff_roles_prefetch things %}` takes comments,
entries (with their `team_comments`), notifications, prompts or shares and finds
their authors' roles in one query, kept on the request, so `{% role_badge user %}`
costs nothing more however many comments there are.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from iomsite.accounts.models import User
from iomsite.accounts.roles import ADMINISTRATOR, TEAM_LEAD, TRAINER

register = template.Library()

#: The badge for each role, most senior first.
BADGES = [(ADMINISTRATOR, _("Administrator")), (TRAINER, _("Trainer")), (TEAM_LEAD, _("Team lead"))]
CACHE = "_staff_roles"


def _cache(context) -> dict[int, list[str]]:
    """Kept on the request, so a page and every component it includes share it."""
    holder = context.get("request") or context.render_context.dicts[0]
    if isinstance(holder, dict):
        return holder.setdefault(CACHE, {})
    if not hasattr(holder, CACHE):
        setattr(holder, CACHE, {})
    return getattr(holder, CACHE)


def _author_ids(things, seen: set[int] | None = None) -> set[int]:
    """Authors of comments, entries, prompts, shares and notifications, following
    only relations already loaded (never a query per item)."""
    ids, seen = set(), set() if seen is None else seen
    for thing in things or []:
        if id(thing) in seen:
            continue
        seen.add(id(thing))
        if isinstance(thing, User):
            ids.add(thing.pk)
            continue
        author_id = getattr(thing, "author_id", None)
        if isinstance(author_id, int):
            ids.add(author_id)
        ids |= _author_ids(getattr(thing, "team_comments", None), seen)
        loaded = getattr(getattr(thing, "_state", None), "fields_cache", {})
        for name in ("comment", "entry"):
            if loaded.get(name) is not None:
                ids |= _author_ids([loaded[name]], seen)
    return ids


def _lookup(cache: dict, ids: set[int]) -> None:
    missing = ids - cache.keys()
    if not missing:
        return
    for pk in missing:
        cache[pk] = []
    names = {role for role, _label in BADGES}
    rows = User.objects.filter(pk__in=missing, is_active=True).values_list(
        "pk", "is_superuser", "groups__name"
    )
    for pk, is_superuser, group in rows:
        roles = cache[pk]
        if is_superuser and ADMINISTRATOR not in roles:
            roles.append(ADMINISTRATOR)
        if group in names and group not in roles:
            roles.append(group)


@register.simple_tag(takes_context=True)
def staff_roles_prefetch(context, *collections) -> str:
    ids = set()
    for collection in collections:
        ids |= _author_ids(collection)
    _lookup(_cache(context), ids)
    return ""


@register.simple_tag(takes_context=True)
def role_badge(context, user):
    """A GOV.UK tag per staff role the user holds now; nothing for anyone else."""
    if user is None or not getattr(user, "pk", None):
        return ""
    cache = _cache(context)
    _lookup(cache, {user.pk})
    roles = set(cache[user.pk])
    labels = [label for role, label in BADGES if role in roles]
    if not labels:
        return ""
    return format_html(
        " {}",
        format_html_join(
            " ",
            '<strong class="govuk-tag govuk-tag--turquoise app-role-badge">{}</strong>',
            ((label,) for label in labels),
        ),
    )
