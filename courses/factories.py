"""Tests and demo: courses built as a trainer would, by publishing pages."""

import json

from django.utils.text import slugify
from wagtail.models import Page

from .models import CourseIndexPage, CoursePage, ModulePage


def step(kind: str, minutes: int = 10, **value) -> dict:
    return {
        "type": kind,
        "value": {"minutes": minutes, "locked": value.pop("locked", False), **value},
    }


def _publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def make_course(*, title: str = "Induction", modules: list[dict], open_: bool = False):
    """`modules`: [{"title": ..., "steps": [step(...), ...], "requires_previous": bool}]"""
    index = CourseIndexPage.objects.first()
    if index is None:
        home = Page.objects.get(depth=2)
        index = _publish_child(home, CourseIndexPage(title="Courses", slug="courses"))
    course = _publish_child(
        index,
        CoursePage(
            title=title,
            slug=slugify(title),
            summary=f"{title} summary.",
            open_for_self_enrolment=open_,
        ),
    )
    for spec in modules:
        _publish_child(
            course,
            ModulePage(
                title=spec["title"],
                slug=slugify(spec["title"]),
                requires_previous=spec.get("requires_previous", False),
                steps=json.dumps(spec["steps"]),
            ),
        )
    return CoursePage.objects.get(pk=course.pk)
