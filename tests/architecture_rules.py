"""
The import rule of docs/ARCHITECTURE.md, as a checker of the source
(tests/test_architecture.py runs it, and tests it on planted snippets).

Layers, lowest first: the base (`iomsite` and its sub-apps), content
(`thoughtpieces`), the learning record (`learning_record`), sequencing
(`courses`), activities (`quizzes`, `journals`). A layer may use the layers
below it and never one above: the base and content know no course and no
activity; courses know no activity; the learning record knows only the base.
Apps reach upwards only through the registries in `iomsite.registry`.

"Use" means any of:
- a Python import, at any level (inside functions too);
- a string naming another app's model (`"quizzes.QuizPage"`, as in
  `apps.get_model` or `subpage_types`) or URL namespace (`"journals:new"`);
- in a template, `{% load %}` of another app's tag library or
  `{% url 'namespace:...' %}` of another app's URL.

`iomsite.urls` and the settings assemble the site and may name every app.

A second rule: statements are written only by the app that owns them.
"""

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Top-level folder → import name.
PACKAGES = {
    "site": "iomsite",
    "thoughtpieces": "thoughtpieces",
    "courses": "courses",
    "quizzes": "quizzes",
    "journals": "journals",
    "learning_record": "learning_record",
}

BASE, CONTENT, RECORD, SEQUENCING, ACTIVITY = "base", "content", "record", "sequencing", "activity"
LAYER_OF_APP = {
    "iomsite": BASE,
    "thoughtpieces": CONTENT,
    "learning_record": RECORD,
    "courses": SEQUENCING,
    "quizzes": ACTIVITY,
    "journals": ACTIVITY,
}
# What each layer must never use.
FORBIDDEN = {
    BASE: {RECORD, SEQUENCING, ACTIVITY},  # the base may use content (demo, search)
    CONTENT: {RECORD, SEQUENCING, ACTIVITY},
    RECORD: {CONTENT, SEQUENCING, ACTIVITY},
    SEQUENCING: {ACTIVITY},
    ACTIVITY: set(),
}
# Modules that assemble the whole site.
ASSEMBLERS = ("iomsite.urls", "iomsite.settings")

# App labels (as in "label.Model") and URL namespaces → app import name.
APP_OF_LABEL = {
    "accounts": "iomsite",
    "teams": "iomsite",
    "home": "iomsite",
    "uploads": "iomsite",
    "editing": "iomsite",
    "iomsite": "iomsite",
    "thoughtpieces": "thoughtpieces",
    "courses": "courses",
    "quizzes": "quizzes",
    "journals": "journals",
    "learning_record": "learning_record",
}
APP_OF_NAMESPACE = {
    "accounts": "iomsite",
    "teams": "iomsite",
    "search": "iomsite",
    "thoughtpieces": "thoughtpieces",
    "courses": "courses",
    "certificates": "courses",
    "journals": "journals",
    "quizzes": "quizzes",
    "learning_record": "learning_record",
}
# Top-level template folders → app import name (templates/ is shared by all apps).
APP_OF_TEMPLATE_FOLDER = {
    "thoughtpieces": "thoughtpieces",
    "courses": "courses",
    "quizzes": "quizzes",
    "journals": "journals",
    "learning_record": "learning_record",
}

# The model that holds statements, and the app that alone may write it.
STATEMENT_MODELS = {"Statement": "learning_record"}
STATEMENT_WRITES = {"create", "bulk_create", "get_or_create", "update_or_create", "save"}


@dataclass(frozen=True)
class Violation:
    where: str  # file:line
    source: str  # the app that uses
    target: str  # the app it must not use
    how: str

    def __str__(self):
        return f"{self.where}: {self.source} → {self.target} ({self.how})"


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT).with_suffix("")
    parts = list(relative.parts)
    parts[0] = PACKAGES[parts[0]]
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_of_module(name: str) -> str | None:
    top = name.split(".")[0]
    return top if top in LAYER_OF_APP else None


def forbidden(source_app: str, target_app: str | None) -> bool:
    if target_app is None or target_app == source_app:
        return False
    return LAYER_OF_APP[target_app] in FORBIDDEN[LAYER_OF_APP[source_app]]


LABEL_STRING = re.compile(r"^([a-z_]+)\.([A-Z]\w*)$")
NAMESPACE_STRING = re.compile(r"^([a-z_]+):[\w-]+$")


def _imported_modules(tree: ast.AST, module: str):
    package = module if module.count(".") == 0 else module.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, "import"
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            yield node.lineno, target, "import"
        elif isinstance(node, ast.Call):
            # importlib.import_module("x") / import_string("x.y")
            func = node.func
            name = getattr(func, "attr", None) or getattr(func, "id", None)
            if name in {"import_module", "import_string"} and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    yield node.lineno, first.value, "import_module"


def python_violations(source: str, module: str, where: str) -> list[Violation]:
    """Forbidden uses in one Python source (`module` is its import name)."""
    source_app = app_of_module(module)
    if source_app is None or module.startswith(ASSEMBLERS):
        return []
    tree = ast.parse(source)
    found = []
    for line, target, how in _imported_modules(tree, module):
        target_app = app_of_module(target)
        if forbidden(source_app, target_app):
            found.append(Violation(f"{where}:{line}", source_app, target_app, f"{how} {target}"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for pattern, table, kind in (
                (LABEL_STRING, APP_OF_LABEL, "model"),
                (NAMESPACE_STRING, APP_OF_NAMESPACE, "url"),
            ):
                match = pattern.match(node.value)
                if match and forbidden(source_app, table.get(match.group(1))):
                    found.append(
                        Violation(
                            f"{where}:{node.lineno}",
                            source_app,
                            table[match.group(1)],
                            f"{kind} {node.value!r}",
                        )
                    )
    return found


def statement_write_violations(source: str, module: str, where: str) -> list[Violation]:
    """`<StatementModel>.objects.create(...)`, `.bulk_create`, `Model(...).save()` and the like
    outside the app that owns the statements (its migrations and commands included)."""
    source_app = app_of_module(module)
    tree = ast.parse(source)
    found = []
    owner_of = {name: app for name, app in STATEMENT_MODELS.items() if app != source_app}
    if not owner_of:
        return []
    # Names bound to a statement model in this file: `LearningRecord`, `apps.get_model(...)`.
    bound = set(owner_of)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            args = node.value.args
            if args and isinstance(args[-1], ast.Constant) and isinstance(args[-1].value, str):
                if args[-1].value.split(".")[-1] in owner_of:
                    bound.update(t.id for t in node.targets if isinstance(t, ast.Name))
    instances = set()
    for node in ast.walk(tree):
        # record = LearningRecord(...)
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and _name(node.value.func) in bound
        ):
            instances.update(t.id for t in node.targets if isinstance(t, ast.Name))
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in STATEMENT_WRITES:
            continue
        receiver = node.func.value
        chain = _chain(receiver)
        hit = (
            (chain and chain[0] in bound)
            or (isinstance(receiver, ast.Call) and _name(receiver.func) in bound)
            or (isinstance(receiver, ast.Name) and receiver.id in instances)
        )
        if hit:
            found.append(
                Violation(
                    f"{where}:{node.lineno}",
                    source_app or module,
                    "statements",
                    f"writes a statement: .{node.func.attr}(",
                )
            )
    return found


def _name(node) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _chain(node) -> list[str]:
    """`a.b.c` → ["a", "b", "c"]; `a.filter(...).b` → ["a", "filter", "b"]."""
    parts = []
    while True:
        if isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Name):
            parts.append(node.id)
            return parts[::-1]
        else:
            return parts[::-1]


LOAD_TAG = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
URL_TAG = re.compile(r"""{%\s*url\s+['"]([a-z_]+):""")


def template_violations(
    text: str, source_app: str, where: str, libraries: dict[str, str]
) -> list[Violation]:
    """`libraries`: tag library name → its module (Django's installed libraries)."""
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for match in LOAD_TAG.finditer(line):
            words = match.group(1).split()
            names = words[: words.index("from")] if "from" in words else words
            if "from" in words:
                names = words[words.index("from") + 1 :]
            for name in names:
                target_app = app_of_module(libraries.get(name, ""))
                if forbidden(source_app, target_app):
                    found.append(
                        Violation(f"{where}:{number}", source_app, target_app, f"load {name}")
                    )
        for match in URL_TAG.finditer(line):
            target_app = APP_OF_NAMESPACE.get(match.group(1))
            if forbidden(source_app, target_app):
                found.append(
                    Violation(f"{where}:{number}", source_app, target_app, f"url {match.group(1)}")
                )
    return found


def python_files():
    for folder in PACKAGES:
        yield from sorted((ROOT / folder).rglob("*.py"))


def template_files():
    for path in sorted((ROOT / "templates").rglob("*.html")):
        folder = path.relative_to(ROOT / "templates").parts[0]
        yield path, APP_OF_TEMPLATE_FOLDER.get(folder, "iomsite")
    for folder, app in PACKAGES.items():
        for path in sorted((ROOT / folder).rglob("templates/**/*.html")):
            yield path, app


def installed_libraries() -> dict[str, str]:
    from django.template.backends.django import get_installed_libraries

    return get_installed_libraries()


def all_violations() -> list[Violation]:
    found = []
    for path in python_files():
        module = module_name(path)
        found += python_violations(path.read_text(), module, str(path.relative_to(ROOT)))
    libraries = installed_libraries()
    for path, app in template_files():
        where = str(path.relative_to(ROOT))
        found += template_violations(path.read_text(), app, where, libraries)
    return found


def statement_writers() -> list[Violation]:
    found = []
    for path in python_files():
        module = module_name(path)
        found += statement_write_violations(path.read_text(), module, str(path.relative_to(ROOT)))
    return found
