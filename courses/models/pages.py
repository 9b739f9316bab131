"""Authored course content: Wagtail pages."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from iomsite.page_routes import KeptRoutePage

from ..blocks import ModuleStepsBlock


class CourseIndexPage(KeptRoutePage, Page):
    """The course catalogue: lists the courses beneath it."""

    introduction = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    search_fields = [*Page.search_fields, index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    class Meta:
        verbose_name = "course index page"


class CoursePage(KeptRoutePage, Page):
    """A course: modules in order, CPD hours, and who may enrol."""

    summary = models.TextField(help_text="One or two sentences shown in course lists.")
    description = RichTextField(blank=True, features=["bold", "italic", "link", "ul", "ol"])
    open_for_self_enrolment = models.BooleanField(
        default=False,
        help_text="Anyone signed in may enrol. Otherwise only team leads can assign it.",
    )
    # Kept in step with the live modules by services.course_structure_sync().
    total_minutes = models.PositiveIntegerField(default=0, editable=False)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("open_for_self_enrolment"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.ModulePage"]

    class Meta:
        verbose_name = "course"

    @property
    def cpd_hours(self) -> float:
        return round(self.total_minutes / 60, 1)

    def get_context(self, request, *args, **kwargs):
        from iomsite.accounts import record_stamp

        from ..selectors import course_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(
            record_stamp.kept(
                request,
                f"course-page:{self.pk}",
                lambda: course_page_context(course=self, user=request.user),
            )
        )
        return context


class ModulePage(KeptRoutePage, Page):
    """A module: an ordered list of steps (read, take, reflect, do)."""

    summary = models.TextField(blank=True)
    requires_previous = models.BooleanField(
        default=False,
        verbose_name="Requires the previous module",
        help_text="Learners must complete the module before this one first.",
    )
    steps = StreamField(ModuleStepsBlock())

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("requires_previous"),
        FieldPanel("steps"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "module"

    def get_context(self, request, *args, **kwargs):
        from iomsite.accounts import record_stamp

        from ..selectors import module_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(
            record_stamp.kept(
                request,
                f"module-page:{self.pk}",
                lambda: module_page_context(module=self, user=request.user),
            )
        )
        return context
