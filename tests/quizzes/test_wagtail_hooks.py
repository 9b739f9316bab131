"""The quiz admin hooks: bulk actions and deletions that would bypass the editor's checks."""

import pytest

from iomsite.accounts.factories import UserFactory
from quizzes import services
from quizzes.factories import branching, make_quiz, quiz_index, single_choice
from quizzes.forms import publishing
from quizzes.models import QuizPage
from quizzes.wagtail_hooks import check_bulk_quiz_actions

pytestmark = pytest.mark.django_db


def test_approving_after_editing_and_bulk_publishing_run_the_scenario_checks(
    rf, site_tree, administrator
):
    assert publishing({"action-workflow-action": "", "workflow-action-name": "approve"})
    assert not publishing({"action-workflow-action": "", "workflow-action-name": "reject"})
    quiz = make_quiz(title="Draft to break", items=[branching()])
    items = quiz.items.raw_data
    items[0]["value"]["nodes"][0]["value"]["choices"][0]["value"]["goes_to"] = "nowhere"
    quiz.items = items
    quiz.save_revision()  # a broken draft, not published
    request = rf.post("/admin/bulk/", HTTP_REFERER="/admin/pages/")
    request.user = administrator
    request._messages = type("M", (), {"add": lambda *a, **k: None})()
    response = check_bulk_quiz_actions(request, "publish", [quiz.page_ptr], None)
    assert response is not None and response.status_code == 302
    ok = make_quiz(title="Sound", items=[branching()])
    assert check_bulk_quiz_actions(request, "publish", [ok.page_ptr], None) is None


def test_deleting_a_page_above_a_taken_quiz_is_refused(client, site_tree, administrator):
    quiz = make_quiz(title="Taken", items=[single_choice()])
    services.attempt_start(user=UserFactory(), quiz=quiz)
    client.force_login(administrator)
    index = quiz_index()
    response = client.post(f"/admin/pages/{index.pk}/delete/")
    assert response.status_code == 302
    assert QuizPage.objects.filter(pk=quiz.pk).exists()
