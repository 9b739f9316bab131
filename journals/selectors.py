"""
Reads for journals. Every way to reach an entry goes through `entry_for_author`
(its author) or `entry_for_reader` (someone it is shared with, right now): any
other id, or a revoked share, is a 404.
"""

from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch, Q
from django.db.models.functions import Coalesce, Greatest
from django.http import Http404

from iomsite.accounts.roles import TRAINER, role_names
from iomsite.teams.models import Team, TeamMembership

from .models import Comment, EntryRead, JournalEntry, JournalShare, Notification, TeamPrompt
from .services import Audience


def entry_for_author(*, user, pk: int) -> JournalEntry:
    entry = JournalEntry.objects.filter(pk=pk, author=user).select_related("question__page").first()
    if entry is None:
        raise Http404("No such entry")
    return entry


def entry_audience(*, user, entry: JournalEntry, team_id: int | None = None) -> Audience | None:
    """How `user` may see someone else's entry now, or None. With `team_id`, only
    through that team's discussion. A team share counts while the author and the
    reader are both in the team; a trainer share while the trainer is one."""
    shares = JournalShare.objects.filter(entry=entry, revoked_at=None)
    author_teams = TeamMembership.objects.filter(user_id=entry.author_id).values("team_id")
    team_share = (
        shares.filter(team__memberships__user=user, team_id__in=author_teams)
        .filter(**({"team_id": team_id} if team_id else {}))
        .values_list("team_id", flat=True)
    )
    for shared_team in team_share[:1]:
        is_lead = TeamMembership.objects.filter(
            team_id=shared_team, user=user, is_lead=True
        ).exists()
        return Audience(team_id=shared_team, is_lead=is_lead)
    if (
        team_id is None
        and user.is_active
        and TRAINER in role_names(user)
        and shares.filter(trainer=user).exists()
    ):
        return Audience(as_trainer=True, trainer_id=user.pk)
    return None


def entry_for_reader(*, user, pk: int, team_id: int | None = None):
    """(entry, audience) for its author (audience None) or a current reader."""
    entry = JournalEntry.objects.filter(pk=pk).select_related("author", "question__page").first()
    if entry is None:
        raise Http404("No such entry")
    if entry.author_id == user.pk:
        return entry, None
    audience = entry_audience(user=user, entry=entry, team_id=team_id)
    if audience is None:
        raise Http404("No such entry")
    return entry, audience


@dataclass
class QuestionGroup:
    question: object
    entries: list = field(default_factory=list)


@dataclass
class PieceGroup:
    piece: object
    questions: list[QuestionGroup] = field(default_factory=list)


def prompt_teams_for(*, user) -> list[Team]:
    """The teams a person may post a reflection prompt to: all for trainers, else
    the ones they lead (none, and no query, for a practitioner)."""
    from iomsite.teams.selectors import teams_led_by

    if TRAINER in role_names(user):
        return list(Team.objects.order_by("name"))
    return list(teams_led_by(user=user).order_by("name"))


def journal_index(*, user, piece_id: int | None = None) -> dict:
    """The learner's entries by Thought Piece and question, free-standing ones,
    what is shared with them, and their teams' prompts: all of it their own
    record or reaching it (`record_stamp`), so the view keeps it under their stamp."""
    entries = (
        JournalEntry.objects.filter(author=user)
        .select_related("question__page")
        .annotate(live_shares=Count("shares", filter=Q(shares__revoked_at=None)))
        .order_by("question__page__title", "question__sort_order", "created_at")
    )
    if piece_id:
        entries = entries.filter(question__page_id=piece_id)
    pieces: OrderedDict[int, PieceGroup] = OrderedDict()
    free = []
    for entry in entries:
        if entry.question_id is None:
            free.append(entry)
            continue
        page = entry.question.page
        group = pieces.setdefault(page.pk, PieceGroup(piece=page))
        if not group.questions or group.questions[-1].question.pk != entry.question_id:
            group.questions.append(QuestionGroup(question=entry.question))
        group.questions[-1].entries.append(entry)
    teams = list(Team.objects.filter(memberships__user=user).order_by("name"))
    prompts = list(
        TeamPrompt.objects.filter(team__in=teams)
        .select_related("team", "question__page", "author")
        .order_by("-created_at")[:10]
    )
    shared_with_me = list(
        JournalShare.objects.filter(trainer=user, revoked_at=None)
        .select_related("entry__author", "entry__question")
        .order_by("-shared_at")[:50]
    )
    from thoughtpieces.models import ThoughtPiecePage

    all_pieces = (
        ThoughtPiecePage.objects.filter(questions__journal_entries__author=user)
        .distinct()
        .order_by("title")
        .only("pk", "title")
    )
    return {
        "all_pieces": list(all_pieces),
        "pieces": list(pieces.values()),
        "free": sorted(free, key=lambda e: e.updated_at, reverse=True),
        "teams": teams,
        "prompts": prompts,
        "shared_with_me": shared_with_me,
        "unread": Notification.objects.filter(user=user, read_at=None).count(),
        "piece_filter": piece_id,
    }


def entries_on_question(*, user, question_id: int) -> list[JournalEntry]:
    """The learner's entries on one question, oldest first, to read side by side."""
    return list(
        JournalEntry.objects.filter(author=user, question_id=question_id).order_by("created_at")
    )


def team_for_member(*, user, team_id: int) -> Team:
    team = Team.objects.filter(pk=team_id, memberships__user=user).first()
    if team is None:
        raise Http404("No such team")
    return team


def team_discussion(*, team: Team, question_id: int | None):
    """Entries shared with the team on one question (None: free-standing ones), with
    their threads, newest activity first: a queryset, so a page of it prefetches
    only its own entries' comments."""
    comments = Comment.objects.filter(team=team).select_related("author").order_by("created_at")
    members = TeamMembership.objects.filter(team=team).values("user_id")
    entries = (
        JournalEntry.objects.filter(shares__team=team, shares__revoked_at=None)
        .filter(question_id=question_id, author_id__in=members)
        .select_related("author")
        .annotate(
            last_activity=Greatest(
                "updated_at",
                Coalesce(Max("comments__created_at", filter=Q(comments__team=team)), "updated_at"),
            )
        )
        .prefetch_related(Prefetch("comments", queryset=comments, to_attr="team_comments"))
        .order_by("-last_activity", "-pk")
        .distinct()
    )
    return entries


def team_discussion_topics(*, team: Team) -> list[dict]:
    """Questions with entries shared to the team or a prompt, newest activity first."""
    members = TeamMembership.objects.filter(team=team).values("user_id")
    shared = (
        JournalShare.objects.filter(team=team, revoked_at=None, entry__author_id__in=members)
        .values("entry__question", "entry__question__text", "entry__question__page__title")
        .annotate(entries=Count("entry", distinct=True), latest=Max("entry__updated_at"))
        .order_by("-latest")
    )
    return [
        {
            "question_id": row["entry__question"],
            "text": row["entry__question__text"] or "Other reflections",
            "piece": row["entry__question__page__title"] or "",
            "entries": row["entries"],
        }
        for row in shared
    ]


def entry_readers(*, entry: JournalEntry) -> list[dict]:
    """Who has read the author's shared entry, and when (latest first)."""
    return list(
        EntryRead.objects.filter(entry=entry)
        .values("reader__display_name", "reader__email", "read_at", "last_read_at")
        .order_by("-last_read_at")
    )


def notifications_for(*, user) -> list[Notification]:
    return list(
        Notification.objects.filter(user=user)
        .select_related("comment__author", "comment__entry__question")
        .order_by("-created_at")[:50]
    )


def reflections_by_question(*, user, questions) -> dict[int, list[JournalEntry]]:
    """{question id: the learner's entries on it, oldest first} in one query."""
    if not user.is_authenticated or not questions:
        return {}
    found: dict[int, list] = {}
    entries = JournalEntry.objects.filter(
        author=user, question_id__in=[q.pk for q in questions]
    ).order_by("created_at")
    for entry in entries.only("pk", "question_id", "created_at"):
        found.setdefault(entry.question_id, []).append(entry)
    return found
