# Quiz pages, items and attempts arrive with the quizzes issue;
# see docs/ARCHITECTURE.md for where they will live.
