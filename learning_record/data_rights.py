"""What `learning_record` holds about a person, for "Download my data" and erasure
(registered in `registrations.py`; see `iomsite.accounts.data_rights`).

Statements stay on erasure, as the summaries do: the user row is anonymised, so
the opaque account id then points at no one, and an LRS never had more than it."""

from iomsite.accounts.data_rights import KEEP, Holding

HOLDINGS = [
    Holding("learning_record.Statement", "actor", "learning/records", KEEP, "aggregate counts"),
    Holding(
        "learning_record.LearnerAccount",
        "user",
        "learning/xapi_account",
        KEEP,
        "an opaque id; the statements sent to an LRS name only it",
    ),
    Holding(
        "learning_record.ActivityState", "user", "learning/activities", KEEP, "aggregate counts"
    ),
]
