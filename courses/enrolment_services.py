"""Enrolment (self or assigned) and team leads' assignments with due dates."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from iomsite.teams.models import TeamMembership

from .models import Assignment, CoursePage, CourseProgress, Enrolment, Step


def _enrol(*, user, course: CoursePage, source: str) -> Enrolment:
    enrolment, created = Enrolment.objects.get_or_create(
        user=user, course=course, defaults={"source": source}
    )
    if not created and not enrolment.active:
        enrolment.active = True
        enrolment.source = source
        enrolment.save(update_fields=["active", "source"])
    CourseProgress.objects.get_or_create(
        user=user,
        course=course,
        defaults={"steps_total": Step.objects.filter(course=course, retired=False).count()},
    )
    return enrolment


@transaction.atomic
def enrolment_self_enrol(*, user, course: CoursePage) -> Enrolment:
    if not (course.live and course.open_for_self_enrolment):
        raise PermissionDenied("This course is not open for self-enrolment.")
    return _enrol(user=user, course=course, source=Enrolment.Source.SELF)


@transaction.atomic
def assignment_create(
    *, actor, course: CoursePage, team, users=None, due_date=None
) -> list[Assignment]:
    """Assign a course to a whole team or to chosen members of it."""
    from iomsite.teams.selectors import teams_led_by

    if not teams_led_by(user=actor).filter(pk=team.pk).exists():
        raise PermissionDenied("You do not lead this team.")
    if not course.live:
        raise ValidationError("This course is not published.")
    if due_date is not None and due_date < timezone.localdate():
        raise ValidationError({"due_date": "The due date must be today or in the future"})
    members = TeamMembership.objects.filter(team=team).select_related("user")
    if users is not None:
        wanted = {user.pk for user in users}
        members = [m for m in members if m.user_id in wanted]
        if len(members) != len(wanted):
            raise ValidationError({"users": "Choose people from this team"})
    assignments = []
    for membership in members:
        assignment, created = Assignment.objects.get_or_create(
            user=membership.user,
            course=course,
            removed_at=None,
            defaults={"team": team, "assigned_by": actor, "due_date": due_date},
        )
        if not created and assignment.due_date != due_date:
            assignment.due_date = due_date
            assignment.save(update_fields=["due_date"])
        _enrol(user=membership.user, course=course, source=Enrolment.Source.ASSIGNED)
        assignments.append(assignment)
    return assignments


@transaction.atomic
def assignment_remove(*, actor, assignment: Assignment) -> None:
    """Un-assign. The learner keeps every record; an assigned-only enrolment goes quiet."""
    from iomsite.teams.selectors import teams_led_by

    led = teams_led_by(user=actor)
    if assignment.team_id is not None:
        allowed = led.filter(pk=assignment.team_id).exists()
    else:
        allowed = TeamMembership.objects.filter(user=assignment.user, team__in=led).exists()
    if not allowed:
        raise PermissionDenied("This assignment was made by another team.")
    if assignment.removed_at is not None:
        return
    assignment.removed_at = timezone.now()
    assignment.save(update_fields=["removed_at"])
    Enrolment.objects.filter(
        user=assignment.user, course=assignment.course, source=Enrolment.Source.ASSIGNED
    ).update(active=False)
