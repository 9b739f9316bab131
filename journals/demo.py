"""Demo reflections: private entries, a question answered twice, and a shared entry
with comments and a team lead's feedback, so the discussion page has life. The
text is the project's own; no case details, as the platform asks."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from iomsite.teams.models import Team
from thoughtpieces.models import ThoughtPiecePage

from . import services
from .models import JournalEntry, JournalEntryRevision

ENTRIES = [
    # (author, piece, question number, days ago, body, share with team)
    (
        "practitioner@example.org",
        "IC/TP/2",
        1,
        40,
        "## What?\n\nOne man on my caseload has not missed an appointment in months. "
        "When I asked him why, he said it keeps his housing worker off his back.\n\n"
        "## So what?\n\nThat sounds instrumental: he is weighing costs and benefits. It "
        "works for now, but it depends on the housing place staying at risk.\n\n"
        "## Now what?\n\nLook for things he values for their own sake, and build on those.",
        False,
    ),
    (
        "practitioner@example.org",
        "IC/TP/2",
        1,
        5,
        "Coming back to this a month on. The routine has taken over: he turns up on the same "
        "day at the same time whether or not anything is at stake. Some of it is habit now, "
        "and he talked about his daughter for the first time, which felt *normative* rather "
        "than a calculation.",
        False,
    ),
    (
        "dc.hughes@example.org",
        "IC/TP/2",
        3,
        9,
        "I joined IOM from response policing and I started well towards the crime control "
        "end. Three months in I have moved: home visits without a reason we can explain "
        "cost us trust we then spend weeks rebuilding.\n\n> Necessary and proportionate is "
        "a question we ask every time, not once.\n\nI still think some intrusion is right "
        "when the risk is real and recent.",
        True,
    ),
    (
        "teamlead@example.org",
        "IC/TP/1",
        3,
        12,
        "Each agency brings a different kind of leverage. Police bring information and "
        "enforcement; probation brings the order and the relationship; the drug service "
        "brings treatment that none of us can offer. The team works when we plan together "
        "rather than hand cases over.",
        True,
    ),
]

COMMENTS = [
    # (entry index, commenter, body, as lead)
    (
        2,
        "practitioner@example.org",
        "Same for me. Explaining why we visit changes how it lands.",
        False,
    ),
    (
        2,
        "teamlead@example.org",
        "A good reflection. Bring the proportionality test to Thursday's panel as a worked "
        "example: which visits would you keep, and why?",
        True,
    ),
    (3, "dc.hughes@example.org", "Planning together is the bit I still find slow.", False),
]


def demo_journals_load() -> int:
    User = get_user_model()
    if JournalEntry.objects.exists():
        return 0
    people = {u.email: u for u in User.objects.filter(email__endswith="@example.org")}
    pieces = {p.reference: p for p in ThoughtPiecePage.objects.filter(reference__startswith="IC/")}
    team = Team.objects.filter(name="Northmoor IOM").first()
    if team is None or len(pieces) < 2 or "practitioner@example.org" not in people:
        return 0
    made = []
    for email, reference, number, days_ago, body, share in ENTRIES:
        question = pieces[reference].questions.order_by("sort_order")[number - 1]
        entry = services.journal_entry_create(author=people[email], question=question, body=body)
        when = timezone.now() - timedelta(days=days_ago)
        JournalEntry.objects.filter(pk=entry.pk).update(created_at=when, updated_at=when)
        JournalEntryRevision.objects.filter(entry=entry).update(saved_at=when)
        if share:
            services.journal_entry_share(entry=entry, author=people[email], team=team)
        made.append(entry)
    for index, email, body, as_lead in COMMENTS:
        services.comment_add(
            entry=made[index],
            author=people[email],
            body=body,
            audience=services.Audience(team_id=team.pk, is_lead=as_lead),
        )
    services.team_prompt_create(
        team=team,
        author=people["teamlead@example.org"],
        question=pieces["IC/TP/2"].questions.order_by("sort_order")[1],
        discuss_by=timezone.localdate() + timedelta(days=14),
    )
    return len(made)
