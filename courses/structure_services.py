"""Course structure: a published module's steps copied into `Step` rows, retired when removed.

Every learner's counts are then recounted in bulk by `progress.completion`.
"""

from django.db import transaction

from .models import ModulePage, Step
from .progress.completion import _course_totals_refresh
from .report_selectors import report_figures_forget


def _target_page_id(kind: str, value) -> int | None:
    page = value.get("piece") if kind == "read" else value.get("activity")
    return page.pk if page is not None and kind in {"read", "activity"} else None


@transaction.atomic
def course_structure_sync(*, module: ModulePage) -> None:
    """Copy a published module's steps into `Step` rows; removed steps are retired."""
    course = module.get_parent().specific
    keys = []
    for position, block in enumerate(module.steps):
        value = block.value
        question = value.get("question") if block.block_type == "reflect" else None
        Step.objects.update_or_create(
            module=module,
            key=block.id,
            defaults={
                "course": course,
                "position": position,
                "kind": block.block_type,
                "title": block.block.step_title(value)[:300],
                "minutes": value["minutes"],
                "locked": bool(value.get("locked")),
                "marked_done_by": value.get("marked_done_by", ""),
                "target_page_id": _target_page_id(block.block_type, value),
                "target_question_id": question.pk if question is not None else None,
                "retired": False,
            },
        )
        keys.append(block.id)
    Step.objects.filter(module=module).exclude(key__in=keys).update(retired=True)
    _course_totals_refresh(course=course, module=module)
    transaction.on_commit(lambda: report_figures_forget(course_id=course.pk))


@transaction.atomic
def course_structure_retire(*, module: ModulePage) -> None:
    """An unpublished module's steps stop counting; learners' records stay."""
    Step.objects.filter(module=module).update(retired=True)
    course = module.get_parent().specific
    _course_totals_refresh(course=course, module=module)
    transaction.on_commit(lambda: report_figures_forget(course_id=course.pk))
