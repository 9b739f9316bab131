"""
Taking a quiz: one question per screen.

Plain form posts with redirect-after-post work without JavaScript. With htmx,
the question form posts in place and the view answers with the `question`
partial of the same template (htmx follows the redirect, keeping its header).
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django_htmx.http import HttpResponseClientRedirect, push_url

from iomsite.accounts import record_stamp
from iomsite.accounts.pending import keeps_signed_out_posts

from . import selectors, services
from .engine import AnswerError, AnswerRejected
from .items import is_stepwise, item_type
from .models import QuizAttempt

QUESTION_TEMPLATE = "quizzes/quiz_question.html"


def _url(quiz, route: str, **kwargs) -> str:
    return quiz.url + quiz.reverse_subpage(route, kwargs=kwargs)


def question_url(quiz, attempt, number: int) -> str:
    return _url(quiz, "question_route", attempt_id=attempt.pk, number=number)


def submit_url(quiz, attempt) -> str:
    return _url(quiz, "submit_route", attempt_id=attempt.pk)


def review_url(quiz, attempt) -> str:
    return _url(quiz, "review_route", attempt_id=attempt.pk)


def _go(request, url: str):
    """Redirect; for htmx, a full-page one, since only questions fit the question box."""
    swapping = request.htmx and not request.htmx.history_restore_request
    return HttpResponseClientRedirect(url) if swapping else redirect(url)


def _attempt_or_404(request, *, quiz, attempt_id: int) -> QuizAttempt:
    # Another learner's attempt is indistinguishable from one that does not
    # exist. Kept under the learner's record stamp for a GET, which any answer,
    # submission or new attempt moves.
    attempt = record_stamp.kept(
        request,
        f"attempt:{quiz.pk}:{attempt_id}",
        lambda: QuizAttempt.objects.filter(pk=attempt_id, quiz=quiz, user=request.user).first(),
    )
    if attempt is None:
        raise Http404("No such attempt")
    return attempt


def _closed(request, *, quiz, attempt, message: str, status: int = 400):
    """Answers after submission or after the time limit: say so, change nothing."""
    if request.htmx:  # htmx does not swap a 400: take the whole page to the review
        messages.error(request, message)
        return HttpResponseClientRedirect(review_url(quiz, attempt))
    response = quiz.render(
        request,
        template="quizzes/quiz_closed.html",
        context_overrides={
            "attempt": attempt,
            "message": message,
            "review_url": review_url(quiz, attempt),
        },
    )
    response.status_code = status
    return response


def _rejected(request, *, quiz, attempt, message: str):
    if request.htmx:
        messages.error(request, f"{message} Nothing in your attempt has changed.")
        return HttpResponseClientRedirect(quiz.url)
    response = quiz.render(
        request,
        template="quizzes/quiz_rejected.html",
        context_overrides={"attempt": attempt, "message": message},
    )
    response.status_code = 400
    return response


def quiz_start_page(request, *, quiz):
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(quiz.url)
        try:
            attempt = services.attempt_start(user=request.user, quiz=quiz)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(quiz.url)
        answers = selectors.attempt_answers(attempt=attempt)
        number = selectors.attempt_resume_number(attempt=attempt, answers=answers)
        if number > len(attempt.item_order):
            return redirect(submit_url(quiz, attempt))
        return redirect(question_url(quiz, attempt, number))
    context = {"compiled": None}
    if request.user.is_authenticated:
        if services.quiz_result_carry_forward(user=request.user, quiz=quiz):
            messages.success(request, "Your earlier result now counts towards your course.")
        start = selectors.quiz_start_page(user=request.user, quiz=quiz)
        if start.current is not None and services.attempt_close_if_time_is_up(
            attempt=start.current, user=request.user
        ):
            start = selectors.quiz_start_page(user=request.user, quiz=quiz)
        context["start"] = start
        context["review_urls"] = {a.pk: review_url(quiz, a) for a in start.attempts}
    if quiz.live_revision_id:
        context["compiled"] = selectors.quiz_compiled(
            revision_id=quiz.live_revision_id, page_id=quiz.pk
        )
    return quiz.render(request, context_overrides=context)


def _question_context(request, *, quiz, attempt, number: int, errors=None, posted=None) -> dict:
    compiled = selectors.quiz_compiled(revision_id=attempt.revision_id, page_id=quiz.pk)
    total = len(attempt.item_order)
    item = compiled.item(attempt.item_order[number - 1])
    answers = record_stamp.kept(
        request,
        f"attempt-answers:{attempt.pk}",
        lambda: selectors.attempt_answers(attempt=attempt),
    )
    answer = answers.get(item.id)
    final = answer is not None and answer.final
    context = {
        "compiled": compiled,
        "attempt": attempt,
        "item": item,
        "number": number,
        "total": total,
        "answered_count": sum(1 for a in answers.values() if a.done),
        "answer": answer,
        # After an error: what the learner sent, in the response's shape, shown again.
        "response": (answer.response if answer else {})
        if posted is None
        else item_type(item.type).posted(posted),
        "final": final,
        "show_feedback": final,
        "errors": errors or {},
        "form_url": question_url(quiz, attempt, number),
        "previous_url": question_url(quiz, attempt, number - 1) if number > 1 else quiz.url,
        "next_url": question_url(quiz, attempt, number + 1)
        if number < total
        else submit_url(quiz, attempt),
        "submit_url": submit_url(quiz, attempt),
        "is_last": number == total,
    }
    context.update(
        item_type(item.type).question_context(
            request=request, quiz=quiz, item=item, answer=answer, final=final
        )
    )
    return context


def _render_question(request, *, quiz, context, status=200):
    # A history restore (Back after htmx navigation) needs the whole page.
    partial = request.htmx and not request.htmx.history_restore_request
    template = QUESTION_TEMPLATE + "#question" if partial else QUESTION_TEMPLATE
    response = quiz.render(request, template=template, context_overrides=context)
    response.status_code = status
    if request.htmx and request.method == "GET":
        push_url(response, request.get_full_path())
    return response


@keeps_signed_out_posts("quiz_answer")  # an answer sent after the session ended is kept
def quiz_question(request, *, quiz, attempt_id: int, number: int):
    attempt = _attempt_or_404(request, quiz=quiz, attempt_id=attempt_id)
    if not 1 <= number <= len(attempt.item_order):
        raise Http404("No such question")
    if services.attempt_close_if_time_is_up(attempt=attempt, user=request.user):
        attempt.refresh_from_db()
        if request.method == "POST":
            return _closed(
                request,
                quiz=quiz,
                attempt=attempt,
                message="Time ran out before this answer arrived, so it was not saved. "
                "Your earlier answers have been submitted.",
            )
        messages.info(request, "Time ran out, so your answers have been submitted.")
    if attempt.is_submitted:
        if request.method == "POST":
            return _closed(
                request,
                quiz=quiz,
                attempt=attempt,
                message="This attempt has already been submitted, so its answers cannot change.",
            )
        return _go(request, review_url(quiz, attempt))
    if request.method != "POST":
        context = _question_context(request, quiz=quiz, attempt=attempt, number=number)
        return _render_question(request, quiz=quiz, context=context)

    item_id = attempt.item_order[number - 1]
    try:
        answer = services.answer_save(
            attempt_id=attempt.pk, user=request.user, item_id=item_id, data=request.POST
        )
    except AnswerError as error:
        context = _question_context(
            request,
            quiz=quiz,
            attempt=attempt,
            number=number,
            errors=error.errors,
            posted=request.POST,
        )
        return _render_question(request, quiz=quiz, context=context)
    except AnswerRejected as error:
        return _rejected(request, quiz=quiz, attempt=attempt, message=str(error))
    except services.AnswerAlreadyFinal:
        return redirect(question_url(quiz, attempt, number))
    except services.AttemptClosed as error:
        return _closed(request, quiz=quiz, attempt=attempt, message=str(error))
    if answer.final or is_stepwise(answer.item_type):
        return redirect(question_url(quiz, attempt, number))  # shows feedback or the next node
    if number < len(attempt.item_order):
        return redirect(question_url(quiz, attempt, number + 1))
    return _go(request, submit_url(quiz, attempt))


@keeps_signed_out_posts("quiz_submit")
def quiz_submit(request, *, quiz, attempt_id: int):
    """Check your answers, then submit. Submitting twice gives the first result."""
    attempt = _attempt_or_404(request, quiz=quiz, attempt_id=attempt_id)
    if request.method == "POST" or services.attempt_close_if_time_is_up(
        attempt=attempt, user=request.user
    ):
        services.attempt_submit(attempt_id=attempt.pk, user=request.user)
        return redirect(review_url(quiz, attempt))
    if attempt.is_submitted:
        return redirect(review_url(quiz, attempt))
    compiled = selectors.quiz_compiled(revision_id=attempt.revision_id, page_id=quiz.pk)
    answers = selectors.attempt_answers(attempt=attempt)
    rows = []
    for number, item_id in enumerate(attempt.item_order, start=1):
        item = compiled.item(item_id)
        answer = answers.get(item_id)
        done = answer is not None and answer.done
        rows.append(
            {
                "number": number,
                "item": item,
                "answer": answer,
                "summary": item.summary(answer.response) if done else "",
                "url": question_url(quiz, attempt, number),
                "can_change": answer is None or not answer.final,
            }
        )
    return quiz.render(
        request,
        template="quizzes/quiz_submit.html",
        context_overrides={
            "attempt": attempt,
            "compiled": compiled,
            "rows": rows,
            "unanswered": sum(1 for row in rows if not row["summary"]),
            "form_url": submit_url(quiz, attempt),
            "previous_url": question_url(quiz, attempt, len(rows)),
        },
    )


def quiz_review(request, *, quiz, attempt_id: int):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    attempt = _attempt_or_404(request, quiz=quiz, attempt_id=attempt_id)
    if services.attempt_close_if_time_is_up(attempt=attempt, user=request.user):
        attempt.refresh_from_db()
    if not attempt.is_submitted:
        return redirect(submit_url(quiz, attempt))
    compiled = selectors.quiz_compiled(revision_id=attempt.revision_id, page_id=quiz.pk)
    answers = selectors.attempt_answers(attempt=attempt)
    reveal = selectors.answers_may_be_revealed(
        attempt=attempt,
        settings=compiled.settings,
        attempts_used=QuizAttempt.objects.filter(user=request.user, quiz=quiz).count(),
    )
    rows = []
    for number, item_id in enumerate(attempt.item_order, start=1):
        item = compiled.item(item_id)
        answer = answers.get(item_id)
        row = {"number": number, "item": item, "answer": answer}
        row["response"] = answer.response if answer else {}
        row.update(item_type(item.type).review_context(item=item, answer=answer))
        rows.append(row)
    return quiz.render(
        request,
        template="quizzes/quiz_review.html",
        context_overrides={
            "attempt": attempt,
            "compiled": compiled,
            "rows": rows,
            "reveal": reveal,
        },
    )


def quiz_preview(request, *, quiz, with_answers: bool):
    """For trainers in the editor: every item as a learner sees it (or its key)."""
    from .engine import quiz_compile

    compiled = quiz_compile(quiz)
    return quiz.render(
        request,
        template="quizzes/quiz_preview.html",
        context_overrides={
            "compiled": compiled,
            "with_answers": with_answers,
        },
    )
