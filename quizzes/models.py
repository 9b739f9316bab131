"""
Quizzes as authored (Wagtail pages) and as taken (plain models).

Learner data in layers: one `QuizAttempt` per attempt, pinned to the page
revision it was taken against, and one `QuizAnswer` per item answered. Scores
are written once, at submission, and never recomputed from later content.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.activities import LearningActivityMixin
from iomsite.page_routes import KeptRoutePage

from .blocks import QuizItemsBlock
from .forms import QuizPageForm


class QuizIndexPage(KeptRoutePage, Page):
    """The bank of quizzes and scenarios, for trainers; modules link to them."""

    introduction = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["quizzes.QuizPage"]
    max_count = 1

    class Meta:
        verbose_name = "quiz index page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["quizzes"] = QuizPage.objects.live().public().child_of(self).order_by("title")
        return context


class FeedbackTiming(models.TextChoices):
    IMMEDIATE = "immediate", "Immediately, after each question"
    AFTER_SUBMISSION = "after_submission", "After the quiz is submitted"


class QuizPage(LearningActivityMixin, RoutablePageMixin, KeptRoutePage, Page):
    """A quiz or scenario: scored and unscored items, taken one per screen."""

    introduction = models.TextField(
        blank=True,
        help_text="What the quiz practises. Plain text; a blank line starts a paragraph.",
    )
    items = StreamField(QuizItemsBlock())
    pass_mark = models.PositiveSmallIntegerField(
        default=70,
        validators=[MaxValueValidator(100)],
        help_text="Percent of the scored items' marks needed to pass.",
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        default=0, validators=[MaxValueValidator(20)], help_text="0 means unlimited."
    )
    feedback_timing = models.CharField(
        max_length=20, choices=FeedbackTiming.choices, default=FeedbackTiming.IMMEDIATE
    )
    shuffle = models.BooleanField(default=False, help_text="Shuffle question order per attempt.")
    time_limit_minutes = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
        help_text="Optional. Enforced on the server's clock; answers after it are refused.",
    )
    reveal_answers = models.CharField(
        max_length=20,
        choices=[
            ("after_each_attempt", "After each attempt"),
            ("after_last_attempt", "Once the learner passes or has no attempts left"),
        ],
        default="after_each_attempt",
        help_text="When the review page shows the right answers and their feedback.",
    )
    counts_towards_completion = models.BooleanField(
        default=True,
        help_text=(
            "On: the course step completes when the learner passes. "
            "Off: it completes when they submit, whatever the score."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("items"),
    ]
    settings_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("attempts_allowed")]),
                FieldPanel("feedback_timing"),
                FieldPanel("reveal_answers"),
                FieldRowPanel([FieldPanel("shuffle"), FieldPanel("time_limit_minutes")]),
                FieldPanel("counts_towards_completion"),
            ],
            heading="Quiz settings",
        ),
        *Page.settings_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("get_items_for_search"),
    ]
    parent_page_types = ["quizzes.QuizIndexPage"]
    subpage_types: list[str] = []
    base_form_class = QuizPageForm
    preview_modes = [
        ("", "Start page"),
        ("items", "Every item, unanswered"),
        ("answers", "Every item, with its feedback"),
    ]

    class Meta:
        verbose_name = "quiz"

    def get_items_for_search(self) -> str:
        """What site search indexes of the items: question text only, never answers,
        which options are correct, feedback or rationales (each item block's
        `text_for_search` says which). Read from the stored JSON, so it costs no
        query (a dilemma's linked question is never looked up)."""
        child_blocks = self.items.stream_block.child_blocks
        return "\n".join(
            text
            for item in self.items.raw_data
            if item["type"] in child_blocks
            for text in child_blocks[item["type"]].text_for_search(item["value"])
            if text
        )

    @path("")
    def start_route(self, request):
        from . import views

        return views.quiz_start_page(request, quiz=self)

    @path("attempts/<int:attempt_id>/questions/<int:number>/")
    def question_route(self, request, attempt_id, number):
        from . import views

        return views.quiz_question(request, quiz=self, attempt_id=attempt_id, number=number)

    @path("attempts/<int:attempt_id>/submit/")
    def submit_route(self, request, attempt_id):
        from . import views

        return views.quiz_submit(request, quiz=self, attempt_id=attempt_id)

    @path("attempts/<int:attempt_id>/review/")
    def review_route(self, request, attempt_id):
        from . import views

        return views.quiz_review(request, quiz=self, attempt_id=attempt_id)

    def clean(self):
        super().clean()
        if (
            self.feedback_timing == FeedbackTiming.IMMEDIATE
            and self.reveal_answers == "after_last_attempt"
        ):
            raise ValidationError(
                {
                    "reveal_answers": "With feedback after each question the answers are shown "
                    "straight away. Choose ‘After each attempt’, or feedback after submission."
                }
            )

    def serve_preview(self, request, mode_name):
        from . import views

        if mode_name in {"items", "answers"}:
            return views.quiz_preview(request, quiz=self, with_answers=mode_name == "answers")
        return super().serve_preview(request, mode_name)


class AttemptStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted"


class QuizAttempt(models.Model):
    """One attempt at a quiz, pinned to the revision it was taken against."""

    # No index of their own: (user, quiz, number) and (quiz, status) lead with them.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
        db_index=False,
    )
    quiz = models.ForeignKey(
        QuizPage, on_delete=models.CASCADE, related_name="attempts", db_index=False
    )
    revision = models.ForeignKey("wagtailcore.Revision", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=20, choices=AttemptStatus.choices, default=AttemptStatus.IN_PROGRESS
    )
    #: Item ids in the order this learner sees them (shuffled once, at the start).
    item_order = models.JSONField(default=list)
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)

    class Meta:
        ordering = ["quiz", "user", "number"]
        constraints = [
            models.UniqueConstraint(fields=["user", "quiz", "number"], name="quiz_attempt_number"),
            # At most one open attempt per learner and quiz: two tabs share it.
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=Q(status="in_progress"),
                name="quiz_attempt_one_open",
            ),
            models.CheckConstraint(
                condition=Q(status="in_progress", submitted_at__isnull=True)
                | Q(status="submitted", submitted_at__isnull=False),
                name="quiz_attempt_submitted_has_time",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "status"])]

    def __str__(self):
        return f"{self.user} – {self.quiz} (attempt {self.number})"

    @property
    def is_submitted(self) -> bool:
        return self.status == AttemptStatus.SUBMITTED


class QuizAnswer(models.Model):
    """A learner's answer to one item in one attempt; saved as it is given.

    `choice`, `confidence` and `position` copy the parts of `response` that
    statistics and the anonymised spreads aggregate, so those are index scans.
    """

    # attempt and quiz: no index of their own, (attempt, item_id) and
    # (quiz, item_id, latest) lead with them.
    attempt = models.ForeignKey(
        QuizAttempt, on_delete=models.CASCADE, related_name="answers", db_index=False
    )
    # Denormalised from the attempt for aggregate queries and erasure.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    quiz = models.ForeignKey(QuizPage, on_delete=models.CASCADE, related_name="+", db_index=False)
    item_id = models.CharField(max_length=64)
    item_type = models.CharField(max_length=30)
    response = models.JSONField()
    #: Final answers can no longer change: revealed feedback, dilemmas, scenarios.
    final = models.BooleanField(default=False)
    #: This learner's most recent final answer to the item, across attempts.
    latest = models.BooleanField(default=False)
    score = models.FloatField(null=True, blank=True)
    choice = models.CharField(max_length=64, blank=True)
    confidence = models.PositiveSmallIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(null=True, blank=True)
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["attempt", "answered_at"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "item_id"], name="quiz_answer_per_item"),
            models.UniqueConstraint(
                fields=["user", "quiz", "item_id"],
                condition=Q(latest=True),
                name="quiz_answer_one_latest",
            ),
        ]
        indexes = [models.Index(fields=["quiz", "item_id", "latest"])]

    def __str__(self):
        return f"{self.attempt} – {self.item_id}"

    @property
    def done(self) -> bool:
        """Answered: a scenario only once it reaches an ending."""
        from .items import is_stepwise

        return self.final or not is_stepwise(self.item_type)


class FigureSnapshot(models.Model):
    """The figures last published for one audience: the anonymised spread of a
    dilemma or continuum item for a team, for everyone outside a learner's teams
    or for everyone, and the trainers' statistics per item and per quiz.

    Counts only, never who. Recomputed only once at least QUIZ_MIN_GROUP_SIZE
    people have answered (or changed their answer, joined or left) since it was
    taken, so two views of the same figures differ by the answers of at least
    that many people, never by one person's (docs/PRIVACY.md, "Spreads and
    statistics").
    """

    quiz = models.ForeignKey(QuizPage, on_delete=models.CASCADE, related_name="+")
    #: Blank for whole-quiz figures (the statistics summary).
    item_id = models.CharField(max_length=64, blank=True)
    #: "everyone", "team:<id>", "outside:<id>,<id>", "statistics".
    audience = models.CharField(max_length=200)
    people = models.PositiveIntegerField(default=0)
    figures = models.JSONField(default=dict)
    taken_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "item_id", "audience"], name="quiz_figure_snapshot_per_audience"
            )
        ]

    def __str__(self):
        return f"{self.quiz} – {self.item_id or 'quiz'} – {self.audience}"
