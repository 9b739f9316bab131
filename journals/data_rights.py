"""What `journals` holds about a person, for "Download my data" and erasure
(registered in `registrations.py`; see `iomsite.accounts.data_rights`)."""

from iomsite.accounts.data_rights import ANONYMISE, DELETE, KEEP, REMOVED, Holding

HOLDINGS = [
    Holding("journals.JournalEntry", "author", "journal/entries", DELETE),
    Holding(
        "journals.JournalEntryRevision", "entry", "journal/revisions", DELETE, "", "entry__author"
    ),
    Holding("journals.JournalShare", "trainer", None, DELETE, "shares to them as a trainer"),
    Holding("journals.Comment", "trainer", None, KEEP, "the author's feedback thread"),
    Holding("journals.Comment", "author", "journal/comments", ANONYMISE, "text removed"),
    Holding("journals.EntryRead", "reader", "journal/reads", DELETE),
    Holding("journals.Notification", "user", "journal/notifications", DELETE),
    Holding("journals.TeamPrompt", "author", "journal/prompts", KEEP, "a team's prompt"),
]


def comments_erase(user) -> None:
    """The text of a person's comments on others' entries: the thread stays."""
    from .models import Comment

    Comment.objects.filter(author=user).update(body=REMOVED, body_html=f"<p>{REMOVED}</p>")


def export_section_context(user) -> dict:
    """The entries, to read, in the export's index.html."""
    from .models import JournalEntry

    entries = JournalEntry.objects.filter(author=user)
    return {"entries": entries.select_related("question__page").order_by("created_at")}
