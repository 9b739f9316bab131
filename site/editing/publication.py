"""A stale editor save never takes a published page offline.

Wagtail's edit view loads the page at the start of a request and, for a page
that is not live, writes the whole row back (`form.save(commit=True)`), live
flag included. An autosave or second save that loaded the page before a
moderator's *Approve and Publish* committed, and wrote after it, put
`live=False` back: the log showed the approval and the publish, yet the page
stayed offline (issue 13). Publishing and unpublishing are Wagtail's actions
(`PublishRevisionAction`, `UnpublishAction`), which set the live flag on the
instance they have just loaded; a whole-row save of an instance that still
believes the page is offline is the only other writer, and it must not win.

So before a whole-row save of an existing page that believes it is not live,
the publication fields are read back from the database; when the database says
the page is live, they are kept. The row's content stays the live content, so
the live page shows what was approved; the instance gets the stale request's
edits back after the write, so the revision that request saves next keeps them
as a draft awaiting publication (nothing typed is lost).
"""

import logging

from django.db.models.signals import post_init, post_save, pre_save
from wagtail.models import Page, get_page_models

logger = logging.getLogger(__name__)

PUBLICATION_FIELDS = (
    "live",
    "live_revision_id",
    "first_published_at",
    "last_published_at",
    "has_unpublished_changes",
    "go_live_at",
    "expire_at",
    "expired",
)
# Kept from the request that is saving: who holds the edit lock and the newest
# revision are that request's to write.
OWN_FIELDS = {"latest_revision_id", "locked", "locked_at", "locked_by_id"}


def note_loaded_state(sender, instance, **kwargs):
    """Remember whether the page was live when this instance was loaded, so an
    intended unpublish (loaded live, set offline) is told from a stale save."""
    instance._compass_loaded_live = instance.__dict__.get("live")


def keep_publication(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None or instance.live:
        return
    if getattr(instance, "_compass_loaded_live", None) is not False:
        return  # loaded live and taken offline on purpose, or made here
    if update_fields is not None and "live" not in update_fields:
        return
    stored = Page.objects.filter(pk=instance.pk, live=True).values(*PUBLICATION_FIELDS).first()
    if stored is None:
        return  # offline in the database too: nothing to protect
    live_row = type(instance).objects.get(pk=instance.pk)
    edits = {}
    for field in instance._meta.concrete_fields:
        if not field.primary_key and field.attname not in OWN_FIELDS | set(PUBLICATION_FIELDS):
            edits[field.attname] = getattr(instance, field.attname)
            setattr(instance, field.attname, getattr(live_row, field.attname))
    instance._compass_edits = edits  # put back after the write (restore_edits)
    for name, value in stored.items():
        setattr(instance, name, value)
    instance._compass_loaded_live = True
    logger.warning(
        "Kept page %s live: a save that loaded it offline came after it was published",
        instance.pk,
    )


def restore_edits(sender, instance, **kwargs):
    """The row now holds the live content; the instance gets the stale request's
    edits back, so the revision that request saves next keeps them as a draft."""
    edits = instance.__dict__.pop("_compass_edits", None)
    if edits:
        for name, value in edits.items():
            setattr(instance, name, value)
        instance.has_unpublished_changes = True


def connect():
    for model in {Page, *get_page_models()}:
        post_init.connect(
            note_loaded_state, sender=model, dispatch_uid=f"compass-live-{model._meta.label}"
        )
        pre_save.connect(
            keep_publication, sender=model, dispatch_uid=f"compass-keep-{model._meta.label}"
        )
        post_save.connect(
            restore_edits, sender=model, dispatch_uid=f"compass-edits-{model._meta.label}"
        )
