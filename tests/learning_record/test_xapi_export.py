"""`xapi_export` writes a learner's or a course's statements as one JSON array
that the LRS double accepts, in the forwarder's own serialisation."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from courses import services as course_services
from courses.factories import make_course, step
from iomsite.accounts.factories import UserFactory
from learning_record.models import Statement
from learning_record.services import statement_report
from learning_record.verbs import Verb
from learning_record.xapi import statement_json

from .lrs_double import statement_errors


def _export(**options) -> list[dict]:
    out = StringIO()
    call_command("xapi_export", stdout=out, **options)
    return json.loads(out.getvalue())


def test_a_learners_statements_are_a_valid_array(enrolled, piece, practitioner):
    statement_report(user=enrolled, verb=Verb.VIEWED, page=piece)
    course_services.thought_piece_mark_read(user=enrolled, page=piece)
    other = UserFactory()
    statement_report(user=other, verb=Verb.VIEWED, page=piece)
    exported = _export(user=enrolled.email.upper())
    mine = Statement.objects.filter(actor=enrolled).order_by("timestamp", "id")
    assert exported == [statement_json(s) for s in mine]
    assert len(exported) == 2
    assert all(statement_errors(s) == [] for s in exported)
    assert enrolled.email not in json.dumps(exported)


def test_a_courses_statements_include_pieces_read_in_two_courses(
    enrolled, piece, course, team, team_lead
):
    second = make_course(
        title="Second course", modules=[{"title": "M", "steps": [step("read", piece=piece.pk)]}]
    )
    course_services.assignment_create(actor=team_lead, course=second, team=team, users=[enrolled])
    course_services.thought_piece_mark_read(user=enrolled, page=piece)  # both courses
    unrelated = UserFactory()
    statement_report(user=unrelated, verb=Verb.VIEWED, page=piece)  # on no course
    for target in (str(course.pk), course.slug, str(second.pk)):
        exported = _export(course=target)
        assert [s["verb"]["display"]["en-GB"] for s in exported] == ["read"], target


def test_export_to_a_file(enrolled, piece, tmp_path):
    statement_report(user=enrolled, verb=Verb.VIEWED, page=piece)
    target = tmp_path / "out.json"
    call_command("xapi_export", user=enrolled.email, output=str(target), stdout=StringIO())
    assert len(json.loads(target.read_text())) == 1


@pytest.mark.parametrize("options", [{"user": "nobody@example.org"}, {"course": "no-such"}])
def test_unknown_learner_or_course_is_a_clear_error(db, options):
    with pytest.raises(CommandError, match="No "):
        _export(**options)
