"""Enrolment (self or assigned) and team leads' assignments with due dates."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from iomsite.teams.models import TeamMembership

from .models import Assignment, CoursePage, CourseProgress, Enrolment, Step

BULK = 500


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


def _enrol_many(*, user_ids: list[int], course: CoursePage, source: str) -> None:
    """`_enrol` for many people at once: new enrolments, quiet ones made active
    again, and an empty course summary for whoever has none."""
    known = dict(
        Enrolment.objects.filter(course=course, user_id__in=user_ids).values_list(
            "user_id", "active"
        )
    )
    Enrolment.objects.bulk_create(
        [Enrolment(user_id=pk, course=course, source=source) for pk in user_ids if pk not in known],
        batch_size=BULK,
        ignore_conflicts=True,
    )
    Enrolment.objects.filter(
        course=course, user_id__in=[pk for pk, active in known.items() if not active]
    ).update(active=True, source=source)
    steps_total = Step.objects.filter(course=course, retired=False).count()
    CourseProgress.objects.bulk_create(
        [CourseProgress(user_id=pk, course=course, steps_total=steps_total) for pk in user_ids],
        batch_size=BULK,
        ignore_conflicts=True,  # those who have one keep it
    )


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
    member_ids = TeamMembership.objects.filter(team=team).values_list("user_id", flat=True)
    if users is None:
        user_ids = list(member_ids)
    else:
        wanted = {user.pk for user in users}
        user_ids = list(member_ids.filter(user_id__in=wanted))
        if len(user_ids) != len(wanted):
            raise ValidationError({"users": "Choose people from this team"})
    # In bulk, a few queries per thousand people: "everyone" on a cohort of 3,000
    # was 36,000 queries one person at a time.
    live = Assignment.objects.filter(course=course, removed_at=None)
    had = dict(live.filter(user_id__in=user_ids).values_list("user_id", "due_date"))
    Assignment.objects.bulk_create(
        [
            Assignment(user_id=pk, course=course, team=team, assigned_by=actor, due_date=due_date)
            for pk in user_ids
            if pk not in had
        ],
        batch_size=BULK,
        ignore_conflicts=True,  # assigned by someone else a moment ago: theirs stands
    )
    live.filter(user_id__in=[pk for pk, due in had.items() if due != due_date]).update(
        due_date=due_date
    )
    _enrol_many(user_ids=user_ids, course=course, source=Enrolment.Source.ASSIGNED)
    return list(live.filter(user_id__in=user_ids))


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
