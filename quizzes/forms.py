"""Forms: the quiz page's admin form (publish-time checks)."""

from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from .items import item_type

# The submit buttons of Wagtail's page editor that make content go live or ask
# for it to: publish, submit for review, and a moderator's "approve" after editing.
PUBLISHING_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


def publishing(data) -> bool:
    if any(action in data for action in PUBLISHING_ACTIONS):
        return True
    return "action-workflow-action" in data and data.get("workflow-action-name") == "approve"


def quiz_items_problems(stream_value) -> dict[int, tuple[str, list[str]]]:
    """Publish-time problems per item position, with the field of the item they
    belong to (each type's `publish_problems`: today, branching graphs)."""
    problems = {}
    for index, block in enumerate(stream_value):
        kind = item_type(block.block_type)
        found = kind.publish_problems(block.value)
        if found:
            problems[index] = (kind.problems_field, found)
    return problems


class QuizPageForm(WagtailAdminPageForm):
    """Drafts may hold a half-built scenario; publishing one is refused."""

    def clean(self):
        cleaned = super().clean()
        items = cleaned.get("items")
        if items is None or not publishing(self.data):
            return cleaned
        problems = quiz_items_problems(items)
        if problems:
            self.add_error(
                "items",
                StreamBlockValidationError(
                    block_errors={
                        index: StructBlockValidationError(
                            block_errors={field: ValidationError(messages)}
                        )
                        for index, (field, messages) in problems.items()
                    }
                ),
            )
            self.add_error(
                None,
                "This scenario cannot be published yet: "
                + " ".join(message for _, found in problems.values() for message in found),
            )
        return cleaned
