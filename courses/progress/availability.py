"""
Locks: a module that requires the previous one waits until that module is
complete; a locked step waits until the earlier live steps of its module are
complete. `modules_open` and `steps_open` are the rule, over rows already
loaded (the bulk pages); the per-learner checks load the rows and apply them.
"""

from collections.abc import Iterable

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from ..models import ModulePage, ModuleProgress, Status, Step, StepProgress


def module_opens(*, requires_previous: bool, previous_done: bool | None) -> bool:
    """The module rule. `previous_done` is None when there is no previous live module."""
    return not requires_previous or previous_done is None or previous_done


def modules_open(modules: Iterable, completed_ids: set[int]) -> dict[int, bool]:
    """`modules`: one course's live modules in order. Open unless it requires the
    previous module and that one is not in `completed_ids`."""
    result, previous = {}, None
    for module in modules:
        result[module.pk] = module_opens(
            requires_previous=module.requires_previous,
            previous_done=None if previous is None else previous.pk in completed_ids,
        )
        previous = module
    return result


def steps_open(
    steps: Iterable[Step], completed_ids: set[int], *, module_open: bool = True
) -> dict[int, bool]:
    """`steps`: one module's live steps in order. Open if the module is, unless the
    step is locked and an earlier step is not in `completed_ids`."""
    result, all_done_so_far = {}, True
    for step in steps:
        result[step.pk] = module_open and (not step.locked or all_done_so_far)
        all_done_so_far = all_done_so_far and step.pk in completed_ids
    return result


def previous_module(module: ModulePage) -> ModulePage | None:
    return module.get_prev_siblings().live().type(ModulePage).first()


def _module_waits_for(*, user, module: ModulePage) -> ModulePage | None:
    """The previous module this one waits for, or None when it is open: the
    previous live sibling and whether the learner completed it, in one query."""
    if not module.requires_previous:
        return None
    previous = (
        ModulePage.objects.live()
        .filter(
            path__startswith=module.path[: -module.steplen],
            depth=module.depth,
            path__lt=module.path,
        )
        .annotate(
            done=Exists(
                ModuleProgress.objects.filter(
                    user=user, module_id=OuterRef("pk"), status=Status.COMPLETED
                )
            )
        )
        .only("id", "title", "path", "depth")
        .order_by("-path")
        .first()
    )
    return None if previous is None or previous.done else previous


def _earlier_steps_done(*, user, step: Step) -> bool:
    """Whether a step locked until the earlier steps of its module may be done."""
    if not step.locked:
        return True
    earlier = list(
        Step.objects.filter(
            module_id=step.module_id, retired=False, position__lt=step.position
        ).order_by("position")
    )
    done = set(
        StepProgress.objects.filter(
            user=user, step__in=earlier, status=Status.COMPLETED
        ).values_list("step_id", flat=True)
    )
    return steps_open([*earlier, step], done)[step.pk]


def module_is_available(*, user, module: ModulePage) -> bool:
    return _module_waits_for(user=user, module=module) is None


def step_is_available(*, user, step: Step) -> bool:
    """A step is open unless its module waits for the previous one, or it is locked
    until the earlier steps of its module are complete."""
    return _module_waits_for(user=user, module=step.module) is None and _earlier_steps_done(
        user=user, step=step
    )


def lock_message(*, user, step: Step, what: str) -> str:
    """Why `step` cannot be done yet, in plain words, or "" when it is open (the
    same checks as `step_is_available`, each made once). `what` names the thing
    the learner tried ("This piece", "This activity")."""
    previous = _module_waits_for(user=user, module=step.module)
    if previous is not None:
        return _(
            "%(what)s is part of %(module)s, which you cannot start until you finish %(previous)s."
        ) % {"what": what, "module": step.module.title, "previous": previous.title}
    if not _earlier_steps_done(user=user, step=step):
        return _(
            "%(what)s is a step in %(module)s that opens when you finish the steps before it."
        ) % {"what": what, "module": step.module.title}
    return ""


def first_lock_message(*, user, steps: Iterable[Step], what: str) -> str:
    """The lock message of the first of `steps` that cannot be done yet, or ""."""
    for step in steps:
        reason = lock_message(user=user, step=step, what=what)
        if reason:
            return reason
    return ""
