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


def cohort_bulk_create(*, team, course: CoursePage, count: int, start: int = 0) -> list[int]:
    """`count` learners in `team` on `course`, in bulk (a few queries per thousand),
    for scale tests and benchmarks. A fixed spread: a fifth untouched, a fifth
    complete, the rest part-way through module by module; every third assigned
    with a due date, some of those past. Returns the new users' ids."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from iomsite.accounts.models import Agency
    from iomsite.teams.models import TeamMembership

    from .models import Assignment, CourseProgress, Enrolment, ModuleProgress, Status, Step

    User = get_user_model()
    agencies = [value for value, _ in Agency.choices]
    surnames = ("Ahmed", "Brown", "Clarke", "Davies", "Evans", "Francis", "Green", "O'Neill")
    users = User.objects.bulk_create(
        [
            User(
                email=f"cohort{team.pk}-{n}@scale.example.org",
                display_name=f"Learner {n:05d} {surnames[n % len(surnames)]}",
                agency=agencies[n % len(agencies)],
                password="!",
            )
            for n in range(start, start + count)
        ],
        batch_size=1000,
    )
    if users[0].pk is None:  # a backend that does not return ids
        users = list(User.objects.filter(email__startswith=f"cohort{team.pk}-").order_by("pk"))
        users = users[-count:]
    modules = list(ModulePage.objects.live().child_of(course).order_by("path"))
    steps = dict.fromkeys((m.pk for m in modules), 0)
    for module_id in Step.objects.filter(course=course, retired=False).values_list(
        "module_id", flat=True
    ):
        steps[module_id] = steps.get(module_id, 0) + 1
    total = sum(steps.values())
    now, today = timezone.now(), timezone.localdate()
    members, enrolments, assignments, courses, module_rows = [], [], [], [], []
    for user in users:
        n = int(user.email.split("-")[-1].split("@")[0])
        members.append(TeamMembership(team=team, user=user))
        enrolments.append(Enrolment(user=user, course=course, source=Enrolment.Source.ASSIGNED))
        if n % 3 == 0:
            due = today + timedelta(days=(n % 7) * 10 - 20)
            assignments.append(Assignment(user=user, course=course, team=team, due_date=due))
        modules_done = (n % 5) * len(modules) // 4  # 0 .. all of them
        done = 0
        for index, module in enumerate(modules):
            if index < modules_done:
                status, completed = Status.COMPLETED, steps[module.pk]
            elif index == modules_done and n % 5:
                status, completed = Status.IN_PROGRESS, steps[module.pk] // 2
            else:
                continue
            done += completed
            module_rows.append(
                ModuleProgress(
                    user=user,
                    module=module,
                    course=course,
                    status=status,
                    steps_completed=completed,
                    steps_total=steps[module.pk],
                    started_at=now,
                    completed_at=now if status == Status.COMPLETED else None,
                )
            )
        if n % 5:
            finished = modules_done >= len(modules)
            courses.append(
                CourseProgress(
                    user=user,
                    course=course,
                    status=Status.COMPLETED if finished else Status.IN_PROGRESS,
                    steps_completed=done,
                    steps_total=total,
                    started_at=now,
                    completed_at=now - timedelta(days=n % 80) if finished else None,
                )
            )
    for model, rows in (
        (TeamMembership, members),
        (Enrolment, enrolments),
        (Assignment, assignments),
        (CourseProgress, courses),
        (ModuleProgress, module_rows),
    ):
        model.objects.bulk_create(rows, batch_size=1000)
    return [user.pk for user in users]
