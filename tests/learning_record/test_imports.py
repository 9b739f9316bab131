"""The learning record imports no app that reports to it or subscribes to it, and
nothing outside it writes statements."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = ("courses", "quizzes", "journals", "thoughtpieces")
NEEDLES = (
    "Statement.objects.create",
    "Statement.objects.bulk_create",
    "ActivityState.objects",
    "LearnerAccount.objects",
    "Statement(",
)


def _imports(path: Path):
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_learning_record_imports_no_activity_and_not_courses():
    found = [
        (str(path.relative_to(ROOT)), name)
        for path in (ROOT / "learning_record").rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] in FORBIDDEN
    ]
    assert found == []


def test_only_learning_record_writes_statements():
    writers = []
    for app in ("courses", "quizzes", "journals", "thoughtpieces", "site"):
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            text = path.read_text()
            for needle in NEEDLES:
                if needle in text:
                    writers.append((str(path.relative_to(ROOT)), needle))
    # seed_scale builds unsaved rows and hands them to learning_record to insert.
    assert writers == [("courses/management/commands/seed_scale.py", "Statement(")]
