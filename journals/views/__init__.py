"""
Journal pages. Each view fetches entries through the selectors' ownership
checks (another person's entry is a 404 through every URL) and writes through
the services. Nothing here logs or messages journal text.

One module per part of the journal: `entries` (writing, autosave, preview,
history), `sharing` (sharing and comments), `teams` (team discussions and
prompts), `notifications` and `export`. `urls.py` names the views from here.
"""

from .entries import (
    csrf_token,
    entry_autosave,
    entry_edit,
    entry_history,
    entry_new,
    entry_preview,
    journal_index,
    question_entries,
)
from .export import journal_export
from .notifications import notification_open, notifications
from .sharing import comment_add, entry_share, share_revoke, shared_entry
from .teams import team_discussion, team_discussions, team_entry

__all__ = [
    "comment_add",
    "csrf_token",
    "entry_autosave",
    "entry_edit",
    "entry_history",
    "entry_new",
    "entry_preview",
    "entry_share",
    "journal_export",
    "journal_index",
    "notification_open",
    "notifications",
    "question_entries",
    "share_revoke",
    "shared_entry",
    "team_discussion",
    "team_discussions",
    "team_entry",
]
