"""Keep the search index true to what is live."""

from modelsearch.tasks import insert_or_update_object_task
from wagtail.search import index
from wagtail.signals import page_published


def reindex_published_page(sender, instance, **kwargs):
    """Index a page again once it is published, with its child rows.

    Wagtail's own index update runs on the page's post_save, which fires before
    modelcluster saves the child rows (a Thought Piece's authors, questions and
    references), so with the immediate task backend the index would hold the
    previous publication's rows. `page_published` is sent after they are saved.
    """
    if index.class_is_indexed(type(instance)):
        insert_or_update_object_task.enqueue(
            instance._meta.app_label, instance._meta.model_name, str(instance.pk)
        )


def connect():
    page_published.connect(reindex_published_page, dispatch_uid="iomsite.search.reindex")
