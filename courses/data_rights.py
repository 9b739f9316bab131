"""What `courses` holds about a person, for "Download my data" and erasure
(registered in `registrations.py`; see `iomsite.accounts.data_rights`)."""

from iomsite.accounts.data_rights import AUDIT, DELETE, KEEP, Holding, page_type_holdings

HOLDINGS = [
    Holding("courses.Enrolment", "user", "learning/enrolments", KEEP, "aggregate counts"),
    Holding("courses.Assignment", "user", "learning/assignments", KEEP, "aggregate counts"),
    Holding("courses.Assignment", "assigned_by", None, KEEP, AUDIT),
    Holding("courses.StepProgress", "user", "learning/steps", KEEP, "aggregate counts"),
    Holding("courses.ModuleProgress", "user", "learning/modules", KEEP, "aggregate counts"),
    Holding("courses.CourseProgress", "user", "learning/courses", KEEP, "aggregate counts"),
    Holding("courses.Certificate", "user", "learning/certificates", DELETE, "shows a name"),
    Holding(
        "courses.AccessLog", "learner", "learning/access_log", DELETE, "who read their records"
    ),
    Holding(
        "courses.AccessLog", "reader", None, KEEP, "the learner's record of who read their data"
    ),
    *page_type_holdings("courses.CourseIndexPage", "courses.CoursePage", "courses.ModulePage"),
]
