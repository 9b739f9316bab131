"""Importing writes a page or a new revision, keeps question ids, and fails cleanly."""

import pytest

from thoughtpieces.factories import make_thought_piece, parsed_piece
from thoughtpieces.importing.document import ImportFailure
from thoughtpieces.models import DiscussionQuestion, ThoughtPieceIndexPage, ThoughtPiecePage
from thoughtpieces.services import default_reference, thought_piece_import

pytestmark = pytest.mark.django_db


def run_import(**overrides):
    return thought_piece_import(
        parsed=parsed_piece(**overrides), parent=ThoughtPieceIndexPage.objects.get()
    )


def test_an_import_is_a_draft_with_a_revision_until_published(site_tree):
    result = run_import()
    page = ThoughtPiecePage.objects.get(pk=result.page.pk)
    assert result.created and not result.published
    assert not page.live
    assert page.revisions.count() == 1
    latest = page.get_latest_revision_as_object()
    assert latest.full_reference == "TEST/TP/1/1.0"
    assert [q.text for q in latest.questions.all()] == [
        "Where do you draw the line?",
        "Who decides?",
    ]


def test_publishing_makes_the_piece_live_with_every_part(site_tree):
    page = make_thought_piece(publish=True)
    page = ThoughtPiecePage.objects.get(pk=page.pk)
    assert page.live
    assert [b.block_type for b in page.body] == [
        "heading",
        "paragraph",
        "quotation",
        "heading",
        "table",
        "figure",
        "statute",
        "bullet_list",
        "numbered_list",
        "summary",
    ]
    assert page.authors.get().name == "Sam Okafor"
    assert list(page.topics.names()) == ["Rights"]
    assert page.references.get().year == "1968"


def test_reimporting_a_reference_adds_a_revision_and_keeps_question_ids(site_tree):
    first = make_thought_piece(publish=True)
    ids = {q.text: q.pk for q in DiscussionQuestion.objects.filter(page=first)}
    result = run_import(
        questions=["Who decides?", "Where do you draw the line?", "What would you record?"],
        abstract="Revised abstract.",
        version="1.1",
    )
    assert not result.created
    assert ThoughtPiecePage.objects.count() == 1
    page = ThoughtPiecePage.objects.get()
    assert page.revisions.count() == 2  # the first import and the re-import
    draft = page.get_latest_revision_as_object()
    assert draft.version == "1.1"
    assert page.abstract != "Revised abstract."  # the live page waits for publishing
    draft.save_revision().publish()
    questions = list(DiscussionQuestion.objects.filter(page=page).order_by("sort_order"))
    assert [q.text for q in questions] == [
        "Who decides?",
        "Where do you draw the line?",
        "What would you record?",
    ]
    assert questions[0].pk == ids["Who decides?"]
    assert questions[1].pk == ids["Where do you draw the line?"]
    assert questions[2].pk not in ids.values()


def test_editing_and_reordering_in_a_revision_keeps_question_ids(piece):
    page = ThoughtPiecePage.objects.get(pk=piece.pk)
    before = {q.text: q.pk for q in page.questions.all()}
    page.questions = list(reversed(page.questions.all()))
    for order, question in enumerate(page.questions.all()):
        question.sort_order = order
    page.save_revision().publish()
    after = {q.text: q.pk for q in ThoughtPiecePage.objects.get(pk=piece.pk).questions.all()}
    assert after == before


def test_a_reference_clash_with_a_different_title_fails_and_writes_nothing(piece):
    revisions = piece.revisions.count()
    with pytest.raises(ImportFailure, match="TEST/TP/1 already belongs to “Proportionality"):
        run_import(title="Something else entirely")
    assert ThoughtPiecePage.objects.count() == 1
    assert piece.revisions.count() == revisions


def test_a_dry_run_writes_nothing(site_tree):
    result = thought_piece_import(
        parsed=parsed_piece(), parent=ThoughtPieceIndexPage.objects.get(), dry_run=True
    )
    assert result.counts == {
        "headings": 2,
        "tables": 1,
        "figures": 1,
        "questions": 2,
        "references": 1,
    }
    assert result.page is None
    assert not ThoughtPiecePage.objects.exists()


def test_a_piece_without_a_reference_gets_a_stable_one(site_tree):
    first = run_import(reference="", title="A research article")
    again = run_import(reference="", title="A research article")
    assert first.reference == default_reference("A research article") == "IMPORT/ARESEARCHARTICLE"
    assert again.page.pk == first.page.pk


def test_paragraph_html_is_sanitised(site_tree):
    page = make_thought_piece(
        blocks=[
            parsed_piece()
            .blocks[1]
            .__class__(
                "paragraph",
                '<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x">l</a></p>',
            )
        ]
    )
    source = page.body[0].value.source
    assert "onclick" not in source and "<script" not in source and "javascript:" not in source


def test_a_trainers_draft_is_approved_and_published_by_an_administrator(
    site_tree, trainer, administrator
):
    from wagtail.models import WorkflowState

    page = thought_piece_import(
        parsed=parsed_piece(), parent=ThoughtPieceIndexPage.objects.get(), user=trainer
    ).page
    page = ThoughtPiecePage.objects.get(pk=page.pk)
    workflow = page.get_workflow()
    state = workflow.start(page, trainer)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state
    task = task_state.task.specific
    assert task.get_actions(page, trainer) == []  # a trainer cannot approve their own work
    assert [name for name, *_ in task.get_actions(page, administrator)][:2] == ["reject", "approve"]
    task.on_action(task_state, administrator, "approve")
    page.refresh_from_db()
    assert page.live
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_APPROVED
