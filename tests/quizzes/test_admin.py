"""Trainer tools: statistics (aggregates only), export, import, preview."""

import re

import pytest

from iomsite.accounts.factories import UserFactory
from quizzes import services
from quizzes.exchange import quiz_export
from quizzes.factories import (
    branching,
    classification,
    dilemma,
    make_quiz,
    quiz_index,
    single_choice,
)
from quizzes.models import QuizPage
from quizzes.selectors import quiz_statistics

from .conftest import compiled_for

pytestmark = pytest.mark.django_db


def take(quiz, user, answers):
    """answers: one data dict (or list of dicts, for a scenario) per item, by position."""
    attempt = services.attempt_start(user=user, quiz=quiz)
    compiled = compiled_for(attempt)
    for item, data in zip(compiled.items, answers(compiled), strict=True):
        for step in data if isinstance(data, list) else [data]:
            services.answer_save(attempt_id=attempt.pk, user=user, item_id=item.id, data=step)
    return services.attempt_submit(attempt_id=attempt.pk, user=user).attempt


@pytest.fixture
def taken(site_tree):
    quiz = make_quiz(
        title="Mixed bag", items=[single_choice(), classification(), dilemma(), branching()]
    )

    def answers_for(n):
        def answers(compiled):
            single, sort, choice, case = compiled.items
            constraint = sort.categories[0].id
            start = case.node("start")
            route = (
                [{"choice": start.choices[0].id}, {"choice": case.node("call").choices[0].id}]
                if n % 2
                else [
                    {"choice": start.choices[1].id},
                    {"choice": case.node("warning").choices[0].id},
                ]
            )
            return [
                {"option": single.options[n % 2].id},
                {f"vignette-{v.id}": constraint for v in sort.vignettes},
                {
                    "option": choice.options[n % 3].id,
                    "confidence": str(n % 5 + 1),
                    "rationale": f"Private reasons number {n}",
                },
                route,
            ]

        return answers

    for n in range(4):
        take(quiz, UserFactory(), answers_for(n))
    return quiz


def test_opinions_and_rare_routes_are_not_broken_down_below_the_minimum_group(taken):
    _, _, choice, case = quiz_statistics(quiz=taken).items  # four learners, minimum five
    assert choice.suppressed and choice.options == []
    assert case.paths == [] and case.other_paths == 4


def test_statistics_are_aggregates_of_submitted_attempts(taken, settings):
    settings.QUIZ_MIN_GROUP_SIZE = 2
    stats = quiz_statistics(quiz=taken)
    assert stats.attempts_submitted == 4 and stats.learners == 4
    single, sort, choice, case = stats.items
    assert single.facility == 50.0
    assert [bar.count for bar in single.options] == [2, 2, 0]
    assert [v["cells"] for v in sort.vignettes] == [[4, 0, 0, 0], [4, 0, 0, 0], [4, 0, 0, 0]]
    assert sort.vignettes[1]["common_mistake"] == "Constraint-based"
    assert sort.vignettes[0]["right_percent"] == 100
    assert [bar.count for bar in choice.options] == [2, 1, 1]
    assert choice.confidence[choice.item.options[0].id] == 2.5  # n=0 and n=3: 1 and 4
    assert [(bar.label, bar.count) for bar in case.endings] == [
        ("He re-engages", 2),
        ("Recalled", 2),
    ]
    assert sorted(count for _, count in case.paths) == [2, 2]
    assert any("First miss → He answers → He re-engages" == route for route, _ in case.paths)


def test_the_statistics_page_shows_no_rationale_and_is_for_editors_only(client, taken, trainer):
    url = f"/admin/quizzes/{taken.pk}/statistics/"
    client.force_login(UserFactory())  # a practitioner: no admin access
    assert client.get(url).status_code in {302, 403}
    client.force_login(trainer)
    html = client.get(url).content.decode()
    assert "Misclassification" in html and "Routes taken" in html
    assert "Private reasons" not in html


def test_export_downloads_the_latest_draft_as_a_quiz_file(client, taken, trainer):
    client.force_login(trainer)
    response = client.get(f"/admin/quizzes/{taken.pk}/export/")
    assert response["Content-Disposition"] == 'attachment; filename="mixed-bag.yaml"'
    assert response.content.decode() == quiz_export(taken)


def test_import_through_the_admin_makes_a_draft_or_lists_problems(client, site_tree, trainer):
    quiz_index()
    client.force_login(trainer)
    text = quiz_export(make_quiz(title="Source", items=[single_choice()])).replace(
        "title: Source", "title: Imported copy"
    )
    response = client.post("/admin/quizzes/import/", {"pasted": text})
    assert response.status_code == 200
    copy = QuizPage.objects.get(title="Imported copy")
    assert not copy.live
    bad = client.post(
        "/admin/quizzes/import/", {"pasted": text.replace("pass_mark: 70", "pass_mark: lots")}
    )
    assert bad.status_code == 400
    assert "‘pass_mark’ must be a whole number" in bad.content.decode()
    assert QuizPage.objects.filter(title="Imported copy").count() == 1
    client.force_login(UserFactory())
    assert client.post("/admin/quizzes/import/", {"pasted": text}).status_code in {302, 403}


def test_preview_shows_every_item_as_a_learner_sees_it_and_with_its_key(rf, taken, trainer):
    request = rf.get("/")
    request.user = trainer
    plain = taken.make_preview_request(original_request=request, preview_mode="items")
    assert plain.status_code == 200
    html = plain.content.decode()
    assert "Question 4 of 4" in html and "Case 1 of 3" in html
    assert "It limits what they can do." not in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids in the preview"
    assert "5 – very confident" in html or "Case 1 of 3" in html
    key = taken.make_preview_request(original_request=request, preview_mode="answers")
    key = key.content.decode()
    assert "It limits what they can do." in key and "Care and structure." in key


def test_a_quiz_with_attempts_cannot_be_deleted_but_can_be_unpublished(
    client, taken, administrator
):
    client.force_login(administrator)
    response = client.post(f"/admin/pages/{taken.pk}/delete/")
    assert response.status_code == 302
    assert QuizPage.objects.filter(pk=taken.pk).exists()
    untaken = make_quiz(title="Never taken", items=[single_choice()])
    client.post(f"/admin/pages/{untaken.pk}/delete/")
    assert not QuizPage.objects.filter(pk=untaken.pk).exists()
