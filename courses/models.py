# Courses, modules and the learning record arrive with the courses issue;
# see docs/ARCHITECTURE.md for where they will live.
