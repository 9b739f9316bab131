"""Where journals meet the rest: Thought Piece questions, dilemmas, reflection steps,
team prompts on My learning."""

import pytest
from django.utils import timezone

from courses.factories import make_course, step
from courses.services import enrolment_self_enrol
from iomsite.teams.factories import TeamMembershipFactory
from journals import services
from journals.models import JournalEntry, TeamPrompt
from quizzes import services as quiz_services
from quizzes.factories import dilemma, make_quiz, single_choice
from quizzes.selectors import quiz_compiled

pytestmark = pytest.mark.django_db


def test_each_question_links_to_the_journal_and_lists_your_reflections(
    client, practitioner, piece, question, entry
):
    client.force_login(practitioner)
    html = client.get(piece.url).content.decode()
    assert f"/journal/new/?question={question.pk}" in html
    assert f"/journal/entries/{entry.pk}/" in html
    client.logout()
    assert "/journal/new/" not in client.get(piece.url).content.decode()


def test_a_dilemma_rationale_becomes_an_entry_on_its_question(
    client, practitioner, piece, question
):
    link = {"piece": piece.reference, "number": 1}
    quiz = make_quiz(title="Rights", items=[dilemma(discussion_question=link)], pass_mark=0)
    attempt = quiz_services.attempt_start(user=practitioner, quiz=quiz)
    item = quiz_compiled(revision_id=attempt.revision_id).items[0]
    answer = quiz_services.answer_save(
        attempt_id=attempt.pk,
        user=practitioner,
        item_id=item.id,
        data={"option": item.options[0].id, "confidence": "4", "rationale": "Consent first."},
    )
    client.force_login(practitioner)
    page = client.get(f"{quiz.url}attempts/{attempt.pk}/questions/1/").content.decode()
    assert "Save your reasons to your journal" in page
    assert f'name="answer" value="{answer.pk}"' in page
    response = client.post("/journal/new/", {"question": question.pk, "answer": answer.pk})
    entry = JournalEntry.objects.get()
    assert response["Location"] == f"/journal/entries/{entry.pk}/"
    assert entry.body.strip() == "Consent first." and entry.quiz_answer == answer
    assert entry.question == question
    from iomsite.accounts.factories import UserFactory

    client.force_login(UserFactory())  # someone else's answer cannot be borrowed
    assert client.post("/journal/new/", {"answer": answer.pk}).status_code == 404


def test_only_an_answer_in_the_learners_own_words_can_start_an_entry(client, practitioner):
    """A choice carries no words of the learner's: the item type says so, and the
    journal refuses it as it refuses an answer that does not exist."""
    quiz = make_quiz(title="Curfews", items=[single_choice()], pass_mark=0)
    attempt = quiz_services.attempt_start(user=practitioner, quiz=quiz)
    item = quiz_compiled(revision_id=attempt.revision_id).items[0]
    answer = quiz_services.answer_save(
        attempt_id=attempt.pk,
        user=practitioner,
        item_id=item.id,
        data={"option": item.options[0].id, "confidence": "3"},
    )
    client.force_login(practitioner)
    assert client.post("/journal/new/", {"answer": answer.pk}).status_code == 404
    assert not JournalEntry.objects.exists()


def test_a_reflection_step_opens_the_journal_on_its_question(client, practitioner, question):
    course = make_course(
        title="Reflect",
        modules=[{"title": "Module", "steps": [step("reflect", question=question.pk)]}],
        open_=True,
    )
    enrolment_self_enrol(user=practitioner, course=course)
    client.force_login(practitioner)
    module = course.get_children().first()
    assert f"/journal/new/?question={question.pk}" in client.get(module.url).content.decode()


def _date_parts(name, day) -> dict:
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def test_team_prompts_reach_members_on_my_learning(client, team, team_lead, practitioner, question):
    TeamMembershipFactory(team=team, user=practitioner)
    client.force_login(team_lead)
    response = client.post(
        f"/journal/teams/{team.pk}/",
        {"question": question.pk, "text": "", **_date_parts("discuss_by", timezone.localdate())},
    )
    assert response.status_code == 302
    prompt = TeamPrompt.objects.get()
    client.force_login(practitioner)
    page = client.get("/learning/").content.decode()
    assert "Reflection prompts from your teams" in page and question.text in page
    # A member who does not lead cannot post one.
    assert client.post(f"/journal/teams/{team.pk}/", {"text": "Mine?"}).status_code == 403
    bad = client.post(f"/journal/teams/{team.pk}/", {"text": "", "question": ""})
    assert bad.status_code == 403
    client.force_login(team_lead)
    empty = client.post(f"/journal/teams/{team.pk}/", {"text": "", "question": ""})
    assert empty.status_code == 400 and "Choose a question or write one" in empty.content.decode()
    assert TeamPrompt.objects.count() == 1 and prompt.prompt_text == question.text


def test_the_author_sees_feedback_on_their_entry(client, entry, team, team_lead):
    TeamMembershipFactory(team=team, user=entry.author)
    services.journal_entry_share(entry=entry, author=entry.author, team=team)
    services.comment_add(
        entry=entry,
        author=team_lead,
        body="Well argued.",
        audience=services.Audience(team_id=team.pk, is_lead=True),
    )
    client.force_login(entry.author)
    page = client.get(f"/journal/entries/{entry.pk}/").content.decode()
    assert "Comments and feedback" in page and "Well argued." in page
    assert "app-comment--feedback" in page


def test_a_trainer_outside_the_team_posts_a_prompt_but_sees_no_reflections(
    client, entry, team, trainer, question
):
    TeamMembershipFactory(team=team, user=entry.author)
    services.journal_entry_share(entry=entry, author=entry.author, team=team)
    client.force_login(trainer)
    assert team.name in client.get("/journal/").content.decode()
    page = client.get(f"/journal/teams/{team.pk}/").content.decode()
    assert "Post a prompt to the team" in page and "I would ask first" not in page
    assert "1 shared reflection" not in page
    client.post(f"/journal/teams/{team.pk}/", {"question": question.pk})
    assert TeamPrompt.objects.get().author == trainer
    discussion = client.get(f"/journal/teams/{team.pk}/questions/{question.pk}/")
    assert discussion.status_code == 404


def test_a_practitioner_outside_the_team_gets_404(client, team, practitioner):
    client.force_login(practitioner)
    assert client.get(f"/journal/teams/{team.pk}/").status_code == 404


def test_questions_of_unpublished_pieces_are_not_shown(client, practitioner, piece, question):
    client.force_login(practitioner)
    type(piece).objects.filter(pk=piece.pk).update(live=False)  # unpublished
    assert client.get(f"/journal/questions/{question.pk}/").status_code == 404
