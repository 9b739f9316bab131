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
from quizzes.statistics import quiz_statistics

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


def test_nothing_is_broken_down_below_the_minimum_group(taken):
    stats = quiz_statistics(quiz=taken)  # four learners, minimum five
    assert stats.people is None and stats.mean_score is None and stats.pass_rate is None
    for row in stats.items:
        assert row.suppressed and row.answered is None and row.detail == {}
    _, _, choice, case = stats.items
    assert "confidence" not in choice.detail and "paths" not in case.detail


def test_statistics_are_aggregates_of_people(taken, settings):
    settings.QUIZ_MIN_GROUP_SIZE = 2
    stats = quiz_statistics(quiz=taken)
    assert stats.attempts_submitted == 4 and stats.people == 4
    single, sort, choice, case = stats.items
    assert single.facility == 50.0 and single.answered == 4
    # 2, 2 and 0: the 0 is withheld, and one 2 with it, or 4 - 2 would give it away.
    assert [(bar.count, bar.withheld) for bar in single.detail["options"]] == [
        (None, "other"),
        (2, ""),
        (None, "fewer"),
    ]
    assert [v["cells"] for v in sort.detail["vignettes"]] == [[4, None, None, None]] * 3
    assert sort.detail["vignettes"][1]["common_mistake"] == "Constraint-based"
    assert sort.detail["vignettes"][0]["right_percent"] == 100
    assert [bar.count for bar in choice.detail["options"]] == [2, None, None]
    assert choice.detail["confidence"] == {choice.item.options[0].id: 2.5}  # n=0 and n=3: 1 and 4
    assert [(bar.label, bar.count) for bar in case.detail["endings"]] == [
        ("He re-engages", 2),
        ("Recalled", 2),
    ]
    paths = case.detail["paths"]
    assert sorted(count for _, count in paths) == [2, 2]
    assert any("First miss → He answers → He re-engages" == route for route, _ in paths)


def test_statistics_count_people_not_attempts(site_tree, settings):
    settings.QUIZ_MIN_GROUP_SIZE = 1
    quiz = make_quiz(title="Retakes", items=[single_choice()], pass_mark=0)
    keen, once = UserFactory(), UserFactory()
    for _ in range(3):  # three attempts, the last one right
        take(quiz, keen, lambda compiled: [{"option": compiled.items[0].options[1].id}])
    take(quiz, once, lambda compiled: [{"option": compiled.items[0].options[0].id}])
    stats = quiz_statistics(quiz=quiz)
    assert stats.people == 2 and stats.attempts_submitted == 4
    (single,) = stats.items
    assert single.answered == 2
    assert sum(bar.count or 0 for bar in single.detail["options"]) <= 2


def test_the_statistics_page_cannot_be_differenced(client, site_tree, trainer):
    quiz = make_quiz(title="Watched", items=[dilemma(), single_choice()], pass_mark=0)

    def answers(n):
        return lambda compiled: [
            {"option": compiled.items[0].options[n % 3].id, "confidence": "3", "rationale": "R"},
            {"option": compiled.items[1].options[n % 2].id},
        ]

    for n in range(12):
        take(quiz, UserFactory(), answers(n))
    client.force_login(trainer)
    url = f"/admin/quizzes/{quiz.pk}/statistics/"

    def figures():
        html = client.get(url).content.decode()
        return html[html.index("quiz-stats-summary") : html.rindex("</section>")]

    before = figures()
    assert "People who submitted</dt><dd>12<" in before
    take(quiz, UserFactory(display_name="Nadia Newcomer"), answers(1))
    assert figures() == before  # her answers cannot be read off
    for n in range(4):
        take(quiz, UserFactory(), answers(n))
    after = figures()
    assert after != before and "People who submitted</dt><dd>17<" in after  # a batch of five


def test_the_statistics_page_shows_no_rationale_and_is_for_editors_only(
    client, taken, trainer, settings
):
    settings.QUIZ_MIN_GROUP_SIZE = 2
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


def test_the_preview_names_each_nodes_role_and_key_in_words(rf, site_tree, trainer):
    quiz = make_quiz(title="Roles", items=[branching()])
    request = rf.get("/")
    request.user = trainer
    html = quiz.make_preview_request(original_request=request, preview_mode="answers")
    html = html.content.decode()
    assert "(start, start)" not in html
    assert 'First miss <span class="govuk-body-s">Start · key ‘start’</span>' in html
    assert 'He answers <span class="govuk-body-s">key ‘call’</span>' in html


def _summary(html: str) -> dict[str, str]:
    summary = html[html.index("quiz-stats-summary") : html.index("</dl>")]
    return dict(re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", summary))


def test_the_statistics_say_which_figures_count_people_and_which_attempts(
    client, site_tree, trainer, settings
):
    settings.QUIZ_MIN_GROUP_SIZE = 2
    quiz = make_quiz(title="Retaken", items=[single_choice(), branching()], pass_mark=60)

    def answers(right):
        def given(compiled):
            single, case = compiled.items
            start = case.node("start")
            return [
                {"option": single.options[0 if right else 1].id},
                [{"choice": start.choices[0].id}, {"choice": case.node("call").choices[0].id}],
            ]

        return given

    keen, steady = UserFactory(), UserFactory()
    take(quiz, keen, answers(False))
    take(quiz, keen, answers(False))
    take(quiz, keen, answers(True))  # three attempts, the last one passed
    take(quiz, steady, answers(False))
    client.force_login(trainer)
    html = client.get(f"/admin/quizzes/{quiz.pk}/statistics/").content.decode()
    assert _summary(html) == {
        "People who submitted": "2",
        "Attempts submitted": "4",
        "Mean score": "75.0% (each person’s latest attempt, 2 people)",
        "Passed": "50% of 2 people (their latest attempt)",
    }
    assert "Learners" not in html
    assert '<th scope="col">People who answered</th>' in html
    assert "Where people ended" in html and '<th scope="col">People</th>' in html
    row = r"<td>1</td><td><a[^>]*>[^<]*</a></td><td>[^<]*</td><td>(\d+)</td>"
    single_row = re.search(row, html)
    assert single_row.group(1) == "2"  # people, not the four attempts


def test_an_unscored_quiz_shows_no_mark_or_pass_rate(client, site_tree, trainer, settings):
    from quizzes.factories import continuum

    settings.QUIZ_MIN_GROUP_SIZE = 2
    quiz = make_quiz(title="Only opinions", items=[dilemma(), continuum()])
    for n in range(3):
        take(
            quiz,
            UserFactory(),
            lambda c, n=n: [
                {"option": c.items[0].options[n % 3].id, "confidence": "3", "rationale": "R"},
                {"position": str(n + 1)},
            ],
        )
    stats = quiz_statistics(quiz=quiz)
    assert stats.people == 3 and not stats.scored
    assert stats.pass_rate is None and stats.mean_score is None
    client.force_login(trainer)
    html = client.get(f"/admin/quizzes/{quiz.pk}/statistics/").content.decode()
    assert _summary(html) == {"People who submitted": "3", "Attempts submitted": "3"}
    assert "Passed" not in html and "0%" not in html.split("<h2")[0]
    assert "there is no mark and no pass rate" in html


def test_a_pass_rate_over_too_few_marked_people_is_withheld(site_tree, settings):
    """The live version is scored, but only one person took it since it was: the
    others' latest attempts were against an unscored version."""
    settings.QUIZ_MIN_GROUP_SIZE = 3
    quiz = make_quiz(title="Changed", items=[dilemma()])
    people = [UserFactory() for _ in range(3)]
    for person in people:
        take(
            quiz,
            person,
            lambda c: [{"option": c.items[0].options[0].id, "confidence": "2", "rationale": "R"}],
        )
    draft = quiz_import_scored_revision(quiz)
    take(
        draft,
        UserFactory(),
        lambda c: [
            {"option": c.items[0].options[0].id, "confidence": "2", "rationale": "R"},
            {"option": c.items[1].options[0].id},
        ],
    )
    stats = quiz_statistics(quiz=draft)
    assert stats.people == 4 and stats.scored
    assert stats.pass_rate is None and stats.mean_score is None  # one marked person


def quiz_import_scored_revision(quiz):
    """Publish a new version of the quiz with a scored item added, as an editor would."""
    page = QuizPage.objects.get(pk=quiz.pk)
    scored = make_quiz(title="Donor", items=[dilemma(), single_choice()])
    page.items = scored.items
    page.save_revision().publish()
    return QuizPage.objects.get(pk=quiz.pk)
