"""
Synthetic data at national scale, fast: bulk inserts, one password hash.

    manage.py seed_scale --learners 5000 --teams 200 --courses 20

Makes `Scale team N` teams (team 1 has 50 members, for the benchmark),
`learnerN@scale.example.org` accounts and a trainer, courses of 5 modules × 6
offline steps published through Wagtail (so steps are synced as a trainer's
would be), three enrolments per learner (everyone is on course 1, so its
report covers every learner) with progress spread from untouched to complete,
and the learning records behind it. Refuses to run twice on the same database.
"""

import random
import time
import uuid
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from courses.factories import make_course, step
from courses.models import (
    Assignment,
    Certificate,
    CoursePage,
    CourseProgress,
    Enrolment,
    ModuleProgress,
    Status,
    Step,
    StepProgress,
)
from iomsite.accounts.models import Agency, User
from iomsite.accounts.roles import PRACTITIONER, TEAM_LEAD, TRAINER
from iomsite.teams.models import Team, TeamMembership
from learning_record.activities import page_activity, step_activity
from learning_record.models import Statement
from learning_record.services import learner_accounts_ensure, statements_bulk_insert
from learning_record.verbs import Verb, verb_definition

MODULES, STEPS_PER_MODULE, COURSES_PER_LEARNER, BIG_TEAM = 5, 6, 3, 50
BATCH = 5000


class Command(BaseCommand):
    help = "Create synthetic learners, teams, courses and progress for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--learners", type=int, default=5000)
        parser.add_argument("--teams", type=int, default=200)
        parser.add_argument("--courses", type=int, default=20)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, learners, teams, courses, seed, **options):
        if learners < BIG_TEAM or teams < 1 or courses < COURSES_PER_LEARNER:
            raise CommandError(
                f"Use at least {BIG_TEAM} learners, 1 team and {COURSES_PER_LEARNER} courses."
            )
        if Team.objects.filter(name__startswith="Scale team").exists():
            raise CommandError("This database already has scale data; use a fresh one.")
        random.seed(seed)
        started = time.perf_counter()
        with transaction.atomic():
            course_pages = self._courses(courses)
            users = self._users(learners)
            team_rows = self._teams(teams, users)
            self._enrol_and_progress(users, course_pages, team_rows)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Seeded {learners} learners, {teams} teams, {courses} courses × "
            f"{MODULES * STEPS_PER_MODULE} steps in {elapsed:.1f}s: "
            f"{StepProgress.objects.count()} step summaries, "
            f"{Statement.objects.count()} learning records."
        )

    def _courses(self, count: int) -> list[CoursePage]:
        pages = []
        for n in range(1, count + 1):
            modules = [
                {
                    "title": f"Module {m}",
                    "steps": [
                        step("external", 10 + s, title=f"Activity {m}.{s}")
                        for s in range(1, STEPS_PER_MODULE + 1)
                    ],
                }
                for m in range(1, MODULES + 1)
            ]
            pages.append(make_course(title=f"Scale course {n}", modules=modules))
        return pages

    def _users(self, count: int) -> list[User]:
        password = make_password("scale-password-not-for-use")
        agencies = [choice for choice, _ in Agency.choices]
        users = [
            User(
                email=f"learner{n}@scale.example.org",
                display_name=f"Learner {n}",
                agency=agencies[n % len(agencies)],
                password=password,
            )
            for n in range(1, count + 1)
        ]
        User.objects.bulk_create(users, batch_size=BATCH)
        trainer = User.objects.create_user(
            email="trainer@scale.example.org", password=None, display_name="Scale trainer"
        )
        trainer.groups.add(Group.objects.get(name=TRAINER))
        users = list(
            User.objects.filter(
                email__startswith="learner", email__endswith="@scale.example.org"
            ).order_by("pk")
        )
        practitioner = Group.objects.get(name=PRACTITIONER)
        through = User.groups.through
        through.objects.bulk_create(
            [through(user_id=u.pk, group_id=practitioner.pk) for u in users], batch_size=BATCH
        )
        return users

    def _teams(self, count: int, users: list[User]) -> list[tuple[Team, list[User]]]:
        Team.objects.bulk_create(
            [Team(name=f"Scale team {n}", area=f"Scale area {n % 40}") for n in range(1, count + 1)]
        )
        teams = list(Team.objects.filter(name__startswith="Scale team").order_by("pk"))
        groups: list[list[User]] = [[] for _ in teams]
        groups[0] = users[:BIG_TEAM]
        rest = users[BIG_TEAM:]
        for i, user in enumerate(rest):
            groups[1 + i % (len(teams) - 1) if len(teams) > 1 else 0].append(user)
        memberships = []
        lead_group = Group.objects.get(name=TEAM_LEAD)
        for team, members in zip(teams, groups, strict=True):
            for index, user in enumerate(members):
                memberships.append(TeamMembership(team=team, user=user, is_lead=index == 0))
            if members:
                members[0].groups.add(lead_group)
        TeamMembership.objects.bulk_create(memberships, batch_size=BATCH)
        return list(zip(teams, groups, strict=True))

    def _enrol_and_progress(self, users, course_pages, team_rows):
        now = timezone.now()
        steps_by_course = {}
        for course in course_pages:
            steps_by_course[course.pk] = list(
                Step.objects.filter(course=course, retired=False)
                .select_related("module", "course")
                .order_by("module__path", "position")
            )
        account_of = learner_accounts_ensure(users=users)
        completed_iri = verb_definition(Verb.COMPLETED).iri
        enrolments, assignments, step_rows, module_rows, course_rows, records, certificates = (
            [],
            [],
            [],
            [],
            [],
            [],
            [],
        )
        team_of = {}
        for team, members in team_rows:
            for user in members:
                team_of[user.pk] = team
        for user in users:
            team = team_of.get(user.pk)
            chosen = [course_pages[0], *random.sample(course_pages[1:], COURSES_PER_LEARNER - 1)]
            for course in chosen:
                steps = steps_by_course[course.pk]
                enrolments.append(Enrolment(user=user, course=course, source="assigned"))
                due = (now + timedelta(days=random.randint(-20, 60))).date()
                assignments.append(Assignment(user=user, course=course, team=team, due_date=due))
                done = random.choice([0, 0, 3, 8, 15, 22, len(steps), len(steps)])
                completed_at = now - timedelta(days=random.randint(0, 80))
                for position, each in enumerate(steps[:done]):
                    when = completed_at - timedelta(hours=len(steps) - position)
                    step_rows.append(
                        StepProgress(
                            user=user,
                            step=each,
                            module_id=each.module_id,
                            course=course,
                            status=Status.COMPLETED,
                            first_activity_at=when,
                            last_activity_at=when,
                            completed_at=when,
                            time_spent_seconds=each.minutes * 60,
                        )
                    )
                    activity = step_activity(key=each.key, title=each.title)
                    records.append(
                        Statement(
                            statement_id=uuid.uuid4(),
                            actor=user,
                            actor_name=account_of[user.pk],
                            verb=completed_iri,
                            object_iri=activity.iri,
                            object_type=activity.type,
                            object_name=each.title,
                            object_kind="step",
                            object_ref=str(each.key),
                            result_completion=True,
                            course_id=course.pk,
                            module_id=each.module_id,
                            context_parents=[
                                {"id": a.iri, "type": a.type}
                                for a in (page_activity(each.course), page_activity(each.module))
                            ],
                            context_extensions={"steps": [str(each.key)]},
                            timestamp=when,
                            stored=when,
                        )
                    )
                per_module: dict[int, int] = {}
                for each in steps[:done]:
                    per_module[each.module_id] = per_module.get(each.module_id, 0) + 1
                module_ids = list(dict.fromkeys(s.module_id for s in steps))
                for module_id in module_ids:
                    finished = per_module.get(module_id, 0)
                    status = (
                        Status.COMPLETED
                        if finished >= STEPS_PER_MODULE
                        else Status.IN_PROGRESS
                        if finished
                        else Status.NOT_STARTED
                    )
                    if status:
                        module_rows.append(
                            ModuleProgress(
                                user=user,
                                module_id=module_id,
                                course=course,
                                status=status,
                                steps_completed=finished,
                                steps_total=STEPS_PER_MODULE,
                                started_at=completed_at,
                                completed_at=completed_at if status == Status.COMPLETED else None,
                            )
                        )
                complete = done == len(steps)
                course_rows.append(
                    CourseProgress(
                        user=user,
                        course=course,
                        status=Status.COMPLETED
                        if complete
                        else (Status.IN_PROGRESS if done else Status.NOT_STARTED),
                        steps_completed=done,
                        steps_total=len(steps),
                        started_at=completed_at if done else None,
                        completed_at=completed_at if complete else None,
                    )
                )
                if complete:
                    certificates.append(
                        Certificate(
                            user=user,
                            course=course,
                            code=_code(),
                            learner_name=user.display_name,
                            course_title=course.title,
                            cpd_hours=course.total_minutes / 60,
                            issued_at=completed_at,
                        )
                    )
        for model, rows in [
            (Enrolment, enrolments),
            (Assignment, assignments),
            (StepProgress, step_rows),
            (ModuleProgress, module_rows),
            (CourseProgress, course_rows),
            (Certificate, certificates),
        ]:
            model.objects.bulk_create(rows, batch_size=BATCH)
        statements_bulk_insert(statements=records, batch_size=BATCH)


def _code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "-".join("".join(random.choice(alphabet) for _ in range(4)) for _ in range(3))
