from .access import AccessKind, AccessLog, ReaderRole  # noqa: F401
from .pages import CourseIndexPage, CoursePage, ModulePage  # noqa: F401
from .progress import (  # noqa: F401
    Assignment,
    Certificate,
    CourseProgress,
    Enrolment,
    ModuleProgress,
    Status,
    Step,
    StepProgress,
)
