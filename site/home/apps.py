from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "iomsite.home"
    label = "home"
    verbose_name = "Home and site pages"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from ..context_processors import invalidate_chrome
        from .models import FooterLinks

        for signal in (page_published, page_unpublished, post_page_move):
            signal.connect(invalidate_chrome, dispatch_uid=f"chrome-{signal!r}")
        post_delete.connect(invalidate_chrome, sender=Page, dispatch_uid="chrome-page-delete")
        post_save.connect(invalidate_chrome, sender=FooterLinks, dispatch_uid="chrome-footer")

        def page_saved(sender, instance, **kwargs):
            # A live page saved outside publishing (add_child, a title or slug change
            # through code): Page subclasses send post_save under their own class.
            if isinstance(instance, Page) and instance.live:
                invalidate_chrome()

        post_save.connect(page_saved, dispatch_uid="chrome-page-save", weak=False)
