"""Site-wide search at /search/: Thought Pieces, courses and modules, quizzes and
the glossary through Wagtail's search (the database backend: PostgreSQL full-text
search on PostgreSQL, SQLite FTS5 on SQLite). See docs/ARCHITECTURE.md."""
