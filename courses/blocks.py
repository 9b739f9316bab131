"""The steps of a module. Each step's StreamField block id is its stable key."""

from django.apps import apps
from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Page

from thoughtpieces.choosers import QuestionChooserBlock

MINUTES_HELP = "About how long it takes, counted towards CPD hours."


class StepBlock(blocks.StructBlock):
    minutes = blocks.IntegerBlock(min_value=1, max_value=600, default=15, help_text=MINUTES_HELP)
    locked = blocks.BooleanBlock(
        required=False,
        label="Locked until the earlier steps are complete",
    )

    kind = ""
    completion_verbs: tuple[str, ...] = ()

    def step_title(self, value) -> str:
        raise NotImplementedError


class ReadStepBlock(StepBlock):
    piece = blocks.PageChooserBlock(page_type="thoughtpieces.ThoughtPiecePage")

    kind = "read"
    completion_verbs = ("read",)

    class Meta:
        icon = "doc-full"
        label = "Read a Thought Piece"

    def step_title(self, value) -> str:
        return f"Read ‘{value['piece'].title}’" if value.get("piece") else "Read a Thought Piece"


class ActivityPageChooserBlock(blocks.PageChooserBlock):
    """Accepts any page type that declares itself a learning activity."""

    def __init__(self, **kwargs):
        super().__init__(page_type=None, **kwargs)

    @property
    def target_models(self):
        from .activities import activity_page_models

        models = [apps.get_model(label) for label in activity_page_models()]
        return models or [Page]

    def deconstruct(self):
        return ("courses.blocks.ActivityPageChooserBlock", (), {})


class ActivityStepBlock(StepBlock):
    activity = ActivityPageChooserBlock(help_text="A quiz or scenario.")

    kind = "activity"
    completion_verbs = ("completed", "passed")

    class Meta:
        icon = "tasks"
        label = "Take a quiz or scenario"

    def clean(self, value):
        value = super().clean(value)
        page = value.get("activity")
        if page is not None and not getattr(page.specific_class, "is_learning_activity", False):
            raise StructBlockValidationError(
                block_errors={"activity": ValidationError("Choose a quiz or scenario page.")}
            )
        return value

    def step_title(self, value) -> str:
        return f"Take ‘{value['activity'].title}’" if value.get("activity") else "Take a quiz"


class ReflectStepBlock(StepBlock):
    question = QuestionChooserBlock(help_text="One of a Thought Piece's questions to consider.")

    kind = "reflect"
    completion_verbs = ("reflected",)

    class Meta:
        icon = "edit"
        label = "Reflect on a question"

    def step_title(self, value) -> str:
        question = value.get("question")
        return f"Reflect: {question.text}" if question else "Reflect on a question"


class ExternalStepBlock(StepBlock):
    title = blocks.CharBlock(max_length=200, help_text="e.g. ‘Shadow an IOM panel meeting’.")
    description = blocks.TextBlock(required=False)
    marked_done_by = blocks.ChoiceBlock(
        choices=[
            ("learner", "The learner"),
            ("team_lead", "Their team lead"),
            ("either", "The learner or their team lead"),
        ],
        default="learner",
    )

    kind = "external"
    completion_verbs = ("completed",)

    class Meta:
        icon = "user"
        label = "Offline activity"

    def step_title(self, value) -> str:
        return value["title"]


class ModuleStepsBlock(blocks.StreamBlock):
    read = ReadStepBlock()
    activity = ActivityStepBlock()
    reflect = ReflectStepBlock()
    external = ExternalStepBlock()

    class Meta:
        min_num = 1
