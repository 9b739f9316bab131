from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "iomsite.home"
    label = "home"
    verbose_name = "Home and site pages"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_slug_changed, page_unpublished, post_page_move

        from .. import page_routes
        from ..context_processors import invalidate_chrome
        from .models import FooterLinks

        # A slug change reaches the children's addresses by QuerySet.update, which
        # sends no save signal: Wagtail's own signal for it, sent on commit.
        for signal in (page_unpublished, post_page_move, page_slug_changed):
            signal.connect(invalidate_chrome, dispatch_uid=f"chrome-{signal!r}")
            signal.connect(page_routes.invalidate, dispatch_uid=f"routes-{signal!r}")
        post_delete.connect(invalidate_chrome, sender=Page, dispatch_uid="chrome-page-delete")
        post_save.connect(invalidate_chrome, sender=FooterLinks, dispatch_uid="chrome-footer")
        post_save.connect(_live_page_saved, dispatch_uid="chrome-page-save")
        # The cached routes (`page_routes`): pages as above, and what else a
        # route holds, the sites and the view restrictions.
        post_delete.connect(page_routes.invalidate, sender=Page, dispatch_uid="routes-page-delete")
        for model in (Site, PageViewRestriction):
            for name, signal in (("save", post_save), ("delete", post_delete)):
                signal.connect(
                    page_routes.invalidate,
                    sender=model,
                    dispatch_uid=f"routes-{model.__name__}-{name}",
                )


# What the chrome reads of a page: whether it is live and its address.
CHROME_FIELDS = {"live", "slug", "url_path"}


def _live_page_saved(sender, instance, update_fields=None, **kwargs):
    """A live page saved: published (publishing saves the page), added with
    add_child, or changed in code. Saving a draft revision writes only draft
    bookkeeping (`page_routes.DRAFT_FIELDS`) and leaves both caches alone, so a
    trainer's autosave does not empty them; the chrome is rebuilt only when
    what it reads changed. Page subclasses send post_save under their own
    class, hence no sender."""
    from wagtail.models import Page

    from .. import page_routes
    from ..context_processors import invalidate_chrome

    if not isinstance(instance, Page) or not instance.live:
        return
    changed = None if update_fields is None else set(update_fields)
    if changed is None or changed - page_routes.DRAFT_FIELDS:
        page_routes.invalidate()
    if changed is None or changed & CHROME_FIELDS:
        invalidate_chrome()
