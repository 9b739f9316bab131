"""Issuing a course certificate, once, when the course is completed (see `certificates`)."""

import secrets
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from .models import Certificate, CoursePage

CERTIFICATE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I


def certificate_issue(*, user, course: CoursePage, at: datetime | None = None) -> Certificate:
    """Issue (once) the certificate for a completed course."""
    existing = Certificate.objects.filter(user=user, course=course).first()
    if existing:
        return existing
    course.refresh_from_db(fields=["total_minutes"])
    while True:
        code = "-".join(
            "".join(secrets.choice(CERTIFICATE_ALPHABET) for _ in range(4)) for _ in range(3)
        )
        if not Certificate.objects.filter(code=code).exists():
            break
    return Certificate.objects.create(
        user=user,
        course=course,
        code=code,
        learner_name=user.display_name or user.get_full_name(),
        course_title=course.title,
        cpd_hours=Decimal(course.total_minutes) / 60,
        issued_at=at or timezone.now(),
    )
