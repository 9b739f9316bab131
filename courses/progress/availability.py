"""
Locks: a module that requires the previous one waits until that module is
complete; a locked step waits until the earlier live steps of its module are
complete. `modules_open` and `steps_open` are the rule, over rows already
loaded (the bulk pages); the per-learner checks load the rows and apply them.
"""

from collections.abc import Iterable

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


def module_is_available(*, user, module: ModulePage) -> bool:
    if not module.requires_previous:
        return True
    previous = previous_module(module)
    if previous is None:
        return True
    done = ModuleProgress.objects.filter(
        user=user, module=previous, status=Status.COMPLETED
    ).exists()
    return module_opens(requires_previous=True, previous_done=done)


def step_is_available(*, user, step: Step) -> bool:
    """A step is open unless its module waits for the previous one, or it is locked
    until the earlier steps of its module are complete."""
    module = step.module
    if not module_is_available(user=user, module=module):
        return False
    if not step.locked:
        return True
    earlier = list(
        Step.objects.filter(module=module, retired=False, position__lt=step.position).order_by(
            "position"
        )
    )
    done = set(
        StepProgress.objects.filter(
            user=user, step__in=earlier, status=Status.COMPLETED
        ).values_list("step_id", flat=True)
    )
    return steps_open([*earlier, step], done)[step.pk]


def lock_message(*, user, step: Step, what: str) -> str:
    """Why `step` cannot be done yet, in plain words. `what` names the thing the
    learner tried ("This piece", "This activity")."""
    module = step.module
    if not module_is_available(user=user, module=module):
        previous = previous_module(module)
        return _(
            "%(what)s is part of %(module)s, which you cannot start until you finish %(previous)s."
        ) % {"what": what, "module": module.title, "previous": previous.title}
    return _("%(what)s is a step in %(module)s that opens when you finish the steps before it.") % {
        "what": what,
        "module": module.title,
    }
