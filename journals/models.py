# Journal entries, their revisions and sharing arrive with the journals issue;
# see docs/ARCHITECTURE.md for why journals are an app of their own.
