"""The trainer's course report, the scale seeder and the benchmark command."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import services
from courses.models import CourseProgress, Step, StepProgress
from iomsite.teams.factories import TeamMembershipFactory
from iomsite.teams.models import Team
from learning_record.models import Statement

pytestmark = pytest.mark.django_db


def test_only_trainers_and_administrators_see_reports(
    client, course, practitioner, team_lead, trainer, administrator
):
    for user, status in [
        (practitioner, 403),
        (team_lead, 403),
        (trainer, 200),
        (administrator, 200),
    ]:
        client.force_login(user)
        assert client.get(f"/learning/reports/{course.pk}/").status_code == status
        assert client.get("/learning/reports/").status_code == status


def test_the_report_counts_enrolments_completion_and_the_drop_off(
    client, course, team, team_lead, trainer, piece
):
    learners = [TeamMembershipFactory(team=team).user for _ in range(3)]
    services.assignment_create(actor=team_lead, course=course, team=team, users=learners)
    for learner in learners:
        services.thought_piece_mark_read(user=learner, page=piece)
    meet = Step.objects.get(course=course, title="Meet a partner")
    services.step_mark_done(actor=learners[0], learner=learners[0], step=meet)
    client.force_login(trainer)
    content = client.get(f"/learning/reports/{course.pk}/").content.decode()
    assert '<dd class="govuk-summary-list__value">3</dd>' in content  # enrolled
    assert "Meet a partner (First module): 2 fewer learners completed it" in content


def test_the_report_costs_the_same_queries_for_more_learners(
    client, course, team, team_lead, trainer, piece
):
    client.force_login(trainer)
    url = f"/learning/reports/{course.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    learners = [TeamMembershipFactory(team=team).user for _ in range(15)]
    services.assignment_create(actor=team_lead, course=course, team=team, users=learners)
    for learner in learners:
        services.thought_piece_mark_read(user=learner, page=piece)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_seed_scale_builds_consistent_data_and_refuses_a_second_run(site_tree, capsys):
    call_command("seed_scale", "--learners", "60", "--teams", "3", "--courses", "3")
    out = capsys.readouterr().out
    assert "Seeded 60 learners, 3 teams, 3 courses × 30 steps" in out
    assert Team.objects.filter(name__startswith="Scale team").count() == 3
    assert Team.objects.get(name="Scale team 1").memberships.count() == 50
    assert StepProgress.objects.count() == Statement.objects.count()
    complete = CourseProgress.objects.filter(status=2)
    for progress in complete[:5]:
        assert progress.steps_completed == progress.steps_total == 30
    with pytest.raises(CommandError, match="already has scale data"):
        call_command("seed_scale", "--learners", "60", "--teams", "3", "--courses", "3")


def test_bench_prints_timings_and_query_counts(site_tree, capsys, monkeypatch):
    # Without the suite's verified force_login: the benchmark must get its team
    # lead and trainer past two-factor sign-in itself, as `make bench` does.
    monkeypatch.undo()
    call_command("seed_scale", "--learners", "60", "--teams", "3", "--courses", "3")
    capsys.readouterr()
    call_command("bench_dashboards", "--runs", "2")
    out = capsys.readouterr().out
    assert "| Page | Median ms | p95 ms | Queries |" in out
    for page in (
        "My learning",
        "Team progress (50 members)",
        "Team CSV export",
        "Course report (60 learners)",
    ):
        assert page in out


def test_bench_explains_when_there_is_no_data(db):
    with pytest.raises(CommandError, match="run `manage.py seed_scale` first"):
        call_command("bench_dashboards")


def test_bench_shapes_prints_each_shape_and_the_content_ratios(site_tree, capsys, monkeypatch):
    """`make bench`'s issue-15 table: each team size's three requests (sizes and
    query counts from real responses) and the content pages against a bare view."""
    from thoughtpieces.factories import make_thought_piece

    monkeypatch.undo()  # the benchmark signs its own lead in, past two-factor
    make_thought_piece(title="A short piece")
    call_command("bench_shapes", "--runs", "1", "--sizes", "4,9")
    out = capsys.readouterr().out
    for row in ("| Team progress | 4 |", "| Team CSV (streamed) | 9 |", "| Team page | 9 |"):
        assert row in out
    assert "| Bare Django view, small template |" in out and "| 1.0 |" in out
    assert "Thought Piece, shortest (A short piece)" in out
    call_command("bench_shapes", "--runs", "1", "--sizes", "4")  # the second time reuses them
    with pytest.raises(CommandError, match="whole numbers"):
        call_command("bench_shapes", "--sizes", "thirty")
