"""Issue 15: the journal index and a quiz question keep what they read under the
learner's record stamp, and show at once what someone else's write changed for
them: a lead's prompt, a share given and taken back, the learner's own answer."""

import pytest

from iomsite.accounts.roles import TRAINER
from iomsite.teams.factories import TeamMembershipFactory
from journals import services
from quizzes import services as quiz_services
from quizzes.factories import make_quiz, single_choice
from quizzes.selectors import quiz_compiled

pytestmark = pytest.mark.django_db


def test_a_lead_posting_a_prompt_reaches_a_members_kept_journal(
    client, team, team_lead, practitioner
):
    TeamMembershipFactory(team=team, user=practitioner)
    client.force_login(practitioner)
    for _ in range(2):  # the second is kept
        assert "Bring one case to the huddle" not in client.get("/journal/").content.decode()
    services.team_prompt_create(team=team, author=team_lead, text="Bring one case to the huddle")
    assert "Bring one case to the huddle" in client.get("/journal/").content.decode()
    assert "Bring one case to the huddle" in client.get("/learning/").content.decode()


def test_a_share_taken_back_leaves_the_trainers_kept_journal_at_once(client, entry, practitioner):
    from iomsite.accounts.factories import UserFactory

    trainer = UserFactory(roles=[TRAINER])
    entry.title = "My thinking on the first case"
    entry.save()
    share = services.journal_entry_share(entry=entry, author=practitioner, trainer=trainer)
    client.force_login(trainer)
    for _ in range(2):
        assert entry.title in client.get("/journal/").content.decode()
    services.journal_share_revoke(share_id=share.pk, author=practitioner)
    assert entry.title not in client.get("/journal/").content.decode()


def test_a_kept_question_shows_the_answer_just_saved(client, site_tree, practitioner):
    quiz = make_quiz(title="Kept", items=[single_choice(), single_choice(prompt="Second?")])
    attempt = quiz_services.attempt_start(user=practitioner, quiz=quiz)
    item = quiz_compiled(revision_id=attempt.revision_id).item(attempt.item_order[0])
    url = f"{quiz.url}attempts/{attempt.pk}/questions/1/"
    client.force_login(practitioner)
    for _ in range(2):
        assert "0 answered" in client.get(url).content.decode()
    option = item.options[0].id
    assert client.post(url, {"option": option}).status_code == 302
    assert "1 answered" in client.get(url).content.decode()
