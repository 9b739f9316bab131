"""Trainers and administrators: how each course is going."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from iomsite.accounts.roles import ADMINISTRATOR, TRAINER, has_role

from .models import CoursePage
from .report_selectors import course_report


def _require_trainer(user) -> None:
    if not has_role(user, TRAINER, ADMINISTRATOR):
        raise PermissionDenied("Course reports are for trainers and administrators.")


@login_required
def report_index(request):
    _require_trainer(request.user)
    courses = CoursePage.objects.live().order_by("title")
    return render(request, "courses/report_index.html", {"courses": courses})


@login_required
def report_course(request, course_id: int):
    _require_trainer(request.user)
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    return render(
        request, "courses/course_report.html", {"course": course, **course_report(course=course)}
    )
