import pytest

from courses.factories import make_course, step
from courses.services import assignment_create
from thoughtpieces.factories import make_thought_piece


@pytest.fixture
def piece(site_tree):
    return make_thought_piece()


@pytest.fixture
def course(piece):
    """Two modules: (read, offline, reflect) then (offline locked, offline by lead)."""
    question = piece.questions.order_by("sort_order").first()
    return make_course(
        modules=[
            {
                "title": "First module",
                "steps": [
                    step("read", 20, piece=piece.pk),
                    step("external", 30, title="Meet a partner", marked_done_by="learner"),
                    step("reflect", 10, question=question.pk),
                ],
            },
            {
                "title": "Second module",
                "requires_previous": True,
                "steps": [
                    step("external", 60, title="Visit housing", marked_done_by="either"),
                    step(
                        "external",
                        120,
                        title="Shadow a panel",
                        marked_done_by="team_lead",
                        locked=True,
                    ),
                ],
            },
        ]
    )


@pytest.fixture
def enrolled(course, team, team_lead, practitioner):
    """The practitioner in the lead's team, with the course assigned."""
    from iomsite.teams.factories import TeamMembershipFactory

    TeamMembershipFactory(team=team, user=practitioner)
    assignment_create(actor=team_lead, course=course, team=team, users=[practitioner])
    return practitioner
