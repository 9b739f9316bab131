"""The import rule (tests/architecture_rules.py) holds for the code, and each
rule catches a planted violation."""

import pytest

from .architecture_rules import (
    all_violations,
    python_violations,
    statement_write_violations,
    statement_writers,
    template_violations,
)

# Arrows the learning record's own move removes (issue 14): listed so this test
# passes until that branch lands; the integrator empties it at merge.
KNOWN = set()


def test_no_layer_uses_a_layer_above_it():
    found = [str(v) for v in all_violations() if str(v) not in KNOWN]
    assert not found, "Forbidden dependencies:\n" + "\n".join(found)


def test_only_the_owning_app_writes_statements():
    found = [str(v) for v in statement_writers() if str(v) not in KNOWN]
    assert not found, "Statements written outside their app:\n" + "\n".join(found)


# --- the test of the test: each rule catches a planted violation -------------


@pytest.mark.parametrize(
    ("module", "source", "target"),
    [
        ("iomsite.context_processors", "from quizzes.models import QuizIndexPage", "quizzes"),
        ("iomsite.accounts.data_rights", "def f():\n    import journals.models\n", "journals"),
        ("iomsite.home.models", "from courses import services", "courses"),
        ("iomsite.demo", "from .. import x\nimport courses.demo as d", "courses"),
        ("thoughtpieces.views", "def f():\n    from journals.selectors import x\n", "journals"),
        ("thoughtpieces.models", "from courses.models import Step", "courses"),
        ("courses.views", "from quizzes.models import QuizPage", "quizzes"),
        ("courses.views", "def v():\n    return reverse('journals:new')\n", "journals"),
        ("iomsite.home.models", "subpage_types = ['quizzes.QuizIndexPage']", "quizzes"),
        ("iomsite.x", "apps.get_model('journals.JournalEntry')", "journals"),
        ("learning_record.services", "from courses.models import Step", "courses"),
        ("iomsite.x", "import_module('journals.demo')", "journals"),
    ],
)
def test_a_forbidden_import_is_found(module, source, target):
    found = python_violations(source, module, "planted.py")
    assert [v.target for v in found] == [target]


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("quizzes.views", "from courses.models import Step\nfrom thoughtpieces import models"),
        ("journals.views", "from iomsite.teams.models import Team\nreverse('courses:x')"),
        ("courses.models", "from thoughtpieces.models import ThoughtPiecePage"),
        ("iomsite.urls", "path('', include('journals.urls'))\nimport quizzes"),
        ("iomsite.settings.base", "INSTALLED_APPS = ['journals']"),
        ("learning_record.models", "from iomsite.accounts.models import User"),
        ("iomsite.registry", "from . import x\nfrom .accounts import roles"),
    ],
)
def test_an_allowed_import_passes(module, source):
    assert python_violations(source, module, "planted.py") == []


@pytest.mark.parametrize(
    ("app", "text", "target"),
    [
        ("thoughtpieces", "{% load wagtailcore_tags journal %}", "journals"),
        ("thoughtpieces", "{% load learning %}", "courses"),
        ("iomsite", "{% load something from quiz_tags %}", "quizzes"),
        ("iomsite", "<a href=\"{% url 'journals:team' team.pk %}\">", "journals"),
        ("courses", "<a href=\"{% url 'journals:new' %}?question=1\">", "journals"),
        ("iomsite", "<a href=\"{% url 'certificates:verify' %}\">", "courses"),
    ],
)
def test_a_forbidden_template_use_is_found(app, text, target):
    libraries = {
        "journal": "journals.templatetags.journal",
        "learning": "courses.templatetags.learning",
        "quiz_tags": "quizzes.templatetags.quiz_tags",
        "compass": "iomsite.templatetags.compass",
    }
    found = template_violations(text, app, "planted.html", libraries)
    assert [v.target for v in found] == [target]


def test_an_allowed_template_use_passes():
    libraries = {"learning": "courses.templatetags.learning", "compass": "iomsite.x"}
    text = "{% load compass learning %}<a href=\"{% url 'thoughtpieces:glossary' %}\">"
    assert template_violations(text, "journals", "planted.html", libraries) == []


@pytest.mark.parametrize(
    "source",
    [
        "Statement.objects.create(actor=user)",
        "from learning_record.models import Statement\nStatement.objects.bulk_create(rows)",
        "Record = apps.get_model('learning_record', 'Statement')\nRecord.objects.create()",
        "record = Statement(actor=user)\nrecord.save()",
        "Statement(actor=user).save()",
        "Statement.objects.filter(x=1).update_or_create(y=2)",
    ],
)
def test_a_statement_written_elsewhere_is_found(source):
    found = statement_write_violations(source, "quizzes.services", "planted.py")
    assert len(found) == 1


def test_reading_statements_is_allowed_and_the_owner_writes():
    reads = "Statement.objects.filter(actor=user).count()\nStatement.objects.all()"
    assert statement_write_violations(reads, "quizzes.selectors", "planted.py") == []
    owner = "Statement.objects.create(actor=user)"
    assert statement_write_violations(owner, "learning_record.services", "planted.py") == []
