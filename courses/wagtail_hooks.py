from wagtail import hooks

from learning_record.verbs import Verb


@hooks.register("before_serve_page")
def record_thought_piece_viewed(page, request, serve_args, serve_kwargs):
    """Opening a Thought Piece records "viewed" only; reading it is the learner's say-so."""
    if request.method != "GET" or not request.user.is_authenticated:
        return None
    if page.specific_class._meta.label != "thoughtpieces.ThoughtPiecePage":
        return None
    if getattr(request, "is_preview", False):
        return None
    from learning_record.services import statement_report

    statement_report(user=request.user, verb=Verb.VIEWED, page=page)
    return None
