from wagtail import hooks


@hooks.register("before_serve_page")
def record_thought_piece_viewed(page, request, serve_args, serve_kwargs):
    """Opening a Thought Piece queues "viewed" (once a day), no write here; reading it,
    and so any progress, is the learner's say-so (a POST)."""
    if request.method != "GET" or not request.user.is_authenticated:
        return None
    if page.specific_class._meta.label != "thoughtpieces.ThoughtPiecePage":
        return None
    if getattr(request, "is_preview", False):
        return None
    from learning_record.views_queue import page_viewed

    page_viewed(user=request.user, page=page)
    return None
