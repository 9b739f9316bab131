"""Anonymity that holds: spreads and trainer statistics count people, withhold
small cells, and cannot be differenced. The attack from issue 12: a learner in a
team of 5, 6 or 50 looks at a dilemma's spreads, a named newcomer joins the team
(or the organisation) and answers, the learner looks again."""

import re

import pytest

from iomsite.accounts.factories import UserFactory
from iomsite.teams.factories import TeamFactory, TeamMembershipFactory
from quizzes import services
from quizzes.factories import continuum, dilemma, make_quiz
from quizzes.models import FigureSnapshot, QuizAttempt
from quizzes.selectors import item_spreads

from .conftest import compiled_for

pytestmark = pytest.mark.django_db

SPREADS = re.compile(r"How others answered</h2>(.*?)<h2 class=\"govuk-heading-m\">Ways", re.S)


def answer(quiz, user, option_index):
    """Answer the quiz's dilemma through the service (earlier colleagues)."""
    attempt = services.attempt_start(user=user, quiz=quiz)
    item = compiled_for(attempt).items[0]
    services.answer_save(
        attempt_id=attempt.pk,
        user=user,
        item_id=item.id,
        data={"option": item.options[option_index].id, "confidence": "3", "rationale": "Why."},
    )
    return item


def answer_on_the_page(client, quiz, user, option_index) -> str:
    """Answer through the real pages; the question's URL, which now shows the spreads."""
    client.force_login(user)
    response = client.post(quiz.url)
    assert response.status_code == 302
    location = response["Location"]
    attempt = QuizAttempt.objects.get(user=user, quiz=quiz)
    item = compiled_for(attempt).items[0]
    response = client.post(
        location,
        {"option": item.options[option_index].id, "confidence": "4", "rationale": "Mine."},
    )
    assert response.status_code in {200, 302}
    return location


def spreads_seen(client, user, location) -> str:
    client.force_login(user)
    html = client.get(location).content.decode()
    match = SPREADS.search(html)
    assert match, "the feedback page shows how others answered"
    return match.group(1)


def team_with_answers(quiz, size):
    team = TeamFactory(name=f"Team of {size}")
    members = [TeamMembershipFactory(team=team).user for _ in range(size)]
    for n, member in enumerate(members[1:], start=1):
        answer(quiz, member, n % 3)
    return team, members


@pytest.mark.parametrize("size", [5, 6, 50])
@pytest.mark.parametrize("newcomer_in_team", [True, False], ids=["joins-team", "joins-elsewhere"])
@pytest.mark.parametrize("newcomer_choice", [0, 2])
def test_a_named_newcomers_answer_cannot_be_read_off_the_spreads(
    client, site_tree, settings, size, newcomer_in_team, newcomer_choice
):
    assert settings.QUIZ_MIN_GROUP_SIZE == 5
    quiz = make_quiz(title=f"Differencing {size}", items=[dilemma()], pass_mark=0)
    team, (me, *_) = team_with_answers(quiz, size)
    for n in range(12):  # colleagues elsewhere in the organisation
        answer(quiz, UserFactory(), n % 3)
    location = answer_on_the_page(client, quiz, me, 0)
    before = spreads_seen(client, me, location)
    assert "Your team: Team of" in before and "Everyone" in before
    if size >= 50:
        assert re.search(r">\d+ \(\d+%\)<", before), "a large team sees real figures"

    newcomer = UserFactory(display_name="Nadia Newcomer")
    if newcomer_in_team:
        TeamMembershipFactory(team=team, user=newcomer)
    answer_on_the_page(client, quiz, newcomer, newcomer_choice)

    after = spreads_seen(client, me, location)
    assert after == before  # nothing moved: her choice cannot be deduced


@pytest.mark.parametrize("size", [5, 6, 50])
def test_the_spreads_move_only_with_at_least_the_minimum_number_of_new_people(
    client, site_tree, size
):
    quiz = make_quiz(title=f"Batches {size}", items=[dilemma()], pass_mark=0)
    team, (me, *_) = team_with_answers(quiz, size)
    location = answer_on_the_page(client, quiz, me, 0)
    first = spreads_seen(client, me, location)
    (team_spread, _) = item_spreads(quiz=quiz, item=_dilemma(quiz), user=me, mine="")
    assert team_spread.total == size
    for _ in range(4):  # four newcomers: still too few to move anything
        joiner = TeamMembershipFactory(team=team).user
        answer(quiz, joiner, 1)
        assert spreads_seen(client, me, location) == first
    answer(quiz, TeamMembershipFactory(team=team).user, 1)  # the fifth
    (team_spread, _) = item_spreads(quiz=quiz, item=_dilemma(quiz), user=me, mine="")
    assert team_spread.total == size + 5  # one batch of five, never one person


def _dilemma(quiz):
    return compiled_for(QuizAttempt.objects.filter(quiz=quiz).first()).items[0]


def test_colleagues_changing_their_answers_do_not_count_twice(client, site_tree):
    """Three changes (a newcomer and two colleagues answering again) are three,
    not five: a changed answer is not also a departure."""
    quiz = make_quiz(title="Changes", items=[dilemma()], pass_mark=0)
    team = TeamFactory(name="Unanimous")
    me, first, second, *rest = [TeamMembershipFactory(team=team).user for _ in range(10)]
    for person in (first, second, *rest):
        answer(quiz, person, 0)
    location = answer_on_the_page(client, quiz, me, 0)
    before = spreads_seen(client, me, location)
    assert ">10 (100%)<" in before
    answer(quiz, TeamMembershipFactory(team=team).user, 2)
    for colleague in (first, second):
        attempt = QuizAttempt.objects.get(user=colleague)
        services.attempt_submit(attempt_id=attempt.pk, user=colleague)
        answer(quiz, colleague, 2)
    assert spreads_seen(client, me, location) == before


def test_leaving_the_team_does_not_move_the_figures_either(client, site_tree):
    quiz = make_quiz(title="Leavers", items=[dilemma()], pass_mark=0)
    team, (me, *others) = team_with_answers(quiz, 8)
    location = answer_on_the_page(client, quiz, me, 0)
    before = spreads_seen(client, me, location)
    team.memberships.filter(user=others[0]).delete()
    assert spreads_seen(client, me, location) == before


def test_small_cells_are_withheld_with_one_more_so_they_cannot_be_subtracted(site_tree):
    quiz = make_quiz(title="Cells", items=[dilemma()], pass_mark=0)
    everyone = [UserFactory() for _ in range(16)]
    for n, person in enumerate(everyone):  # 10, 6 and 0: only one small cell
        item = answer(quiz, person, 0 if n < 10 else 1)
    (spread,) = item_spreads(quiz=quiz, item=item, user=everyone[0], mine="")
    assert spread.name == "Everyone" and spread.total == 16
    assert [(bar.count, bar.withheld) for bar in spread.bars] == [
        (10, ""),
        (None, "other"),  # 6, withheld too: 16 - 10 would give the 0 away
        (None, "fewer"),
    ]


def test_each_person_counts_once_however_many_attempts_they_make(site_tree, settings):
    quiz = make_quiz(title="Attempts", items=[dilemma()], pass_mark=0)
    people = [UserFactory() for _ in range(5)]
    for person in people:
        answer(quiz, person, 0)
        services.attempt_submit(attempt_id=QuizAttempt.objects.get(user=person).pk, user=person)
    for _ in range(3):  # one person tries three more times, changing their mind
        item = answer(quiz, people[0], 2)
        services.attempt_submit(
            attempt_id=QuizAttempt.objects.filter(user=people[0]).latest("number").pk,
            user=people[0],
        )
    (spread,) = item_spreads(quiz=quiz, item=item, user=UserFactory(), mine="")
    assert spread.total == 5


def test_a_continuum_is_protected_the_same_way(client, site_tree):
    quiz = make_quiz(title="Stances", items=[continuum()], pass_mark=0)
    people = [UserFactory() for _ in range(7)]
    for person in people:
        attempt = services.attempt_start(user=person, quiz=quiz)
        item = compiled_for(attempt).items[0]
        services.answer_save(
            attempt_id=attempt.pk, user=person, item_id=item.id, data={"position": "2"}
        )
    (before,) = item_spreads(quiz=quiz, item=item, user=people[0], mine="2")
    attempt = services.attempt_start(user=UserFactory(), quiz=quiz)
    services.answer_save(
        attempt_id=attempt.pk, user=attempt.user, item_id=item.id, data={"position": "5"}
    )
    (after,) = item_spreads(quiz=quiz, item=item, user=people[0], mine="2")
    assert before == after and before.total == 7
    assert FigureSnapshot.objects.filter(quiz=quiz).count() == 1


def _commit(quiz, user, option_index):
    attempt = services.attempt_start(user=user, quiz=quiz)
    item = compiled_for(attempt).items[0]
    services.answer_save(
        attempt_id=attempt.pk,
        user=user,
        item_id=item.id,
        data={"option": item.options[option_index].id, "confidence": "3", "rationale": "Why."},
    )
    return item


def test_the_team_is_never_shown_next_to_a_figure_that_contains_it(site_tree, team):
    """Team and "everyone else" are disjoint, so no subtraction isolates anyone."""
    quiz = make_quiz(title="Differencing", items=[dilemma()], pass_mark=0)
    members = [TeamMembershipFactory(team=team).user for _ in range(5)]
    for member in members:
        item = _commit(quiz, member, 0)
    _commit(quiz, UserFactory(), 2)  # one outsider
    team_spread, rest = item_spreads(quiz=quiz, item=item, user=members[0], mine="")
    assert not team_spread.hidden and team_spread.total == 5
    assert rest.name == "Everyone else" and rest.hidden  # one outsider: not shown
    for _ in range(4):
        _commit(quiz, UserFactory(), 1)
    _, rest = item_spreads(quiz=quiz, item=item, user=members[0], mine="")
    assert not rest.hidden and rest.total == 5  # outsiders only
