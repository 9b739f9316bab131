"""
Every URL of the site × every role, with the answer each role must get.

`tests/site/test_url_access.py` walks the URL configuration (every include,
Wagtail's admin, documents and page-serving patterns, and each routable page
type's own routes) and fails when a route has no row here, then requests every
row as every role and fails on any other answer.

Adding a route? Add one line to ROWS, e.g.

    Row("teams:invitation", {"token": "invitation"}, default=NOT_FOUND, practitioner=OK),

- the first argument is the route's name (`namespace:name`); an unnamed route
  uses its full pattern; a routable page route is "page:<app.Model>:<name>".
- the second maps URL kwargs to objects in the World (tests/site/test_url_access.py
  builds them once): "entry" is the practitioner's journal entry, "team" the
  lead's team, ... (see World). A plain value (an int or str) is used as is.
- `default` is the answer for every signed-in role not named; `anonymous`
  defaults to LOGIN (302 to sign-in with ?next=).
- answers: OK (200), LOGIN, ADMIN_LOGIN (302 to the Wagtail admin's sign-in),
  REDIRECT (any other 302), DENIED (403), NOT_FOUND (404), NOT_ALLOWED (405, a
  GET on a POST-only route), GONE (410), or any other status code.

The objects are always the practitioner's (or their team's): another signed-in
user asking for them must get NOT_FOUND, never DENIED or OK: a 403 would confirm
the object exists.
"""

from dataclasses import dataclass, field

ROLES = (
    "anonymous",
    "practitioner",  # a member of `team`, owner of every learner object
    "practitioner_other",  # a member of `other_team` only
    "lead",  # leads `team`
    "lead_other",  # leads `other_team`
    "trainer",
    "administrator",
)

OK = 200
REDIRECT = "redirect"
LOGIN = "login"
ADMIN_LOGIN = "admin-login"
DENIED = 403
NOT_FOUND = 404
NOT_ALLOWED = 405


@dataclass(frozen=True)
class Row:
    route: str
    kwargs: dict = field(default_factory=dict)
    default: object = OK
    anonymous: object = LOGIN
    practitioner: object = None
    practitioner_other: object = None
    lead: object = None
    lead_other: object = None
    trainer: object = None
    administrator: object = None
    path: str = ""  # a fixed path, for routes reversed by pattern (page-serving samples)
    query: str = ""
    note: str = ""

    def expected(self, role: str):
        value = getattr(self, role)
        return self.default if value is None else value


def post_only(route: str, kwargs: dict | None = None, **roles) -> Row:
    """A POST-only route: a GET is 405 for everyone (anonymous included unless
    the sign-in check runs first, then say `anonymous=LOGIN`)."""
    anonymous = roles.pop("anonymous", NOT_ALLOWED)
    return Row(route, kwargs or {}, default=NOT_ALLOWED, anonymous=anonymous, **roles)


PUBLIC = {"anonymous": OK}
STAFF_ONLY = {"default": DENIED, "trainer": OK, "administrator": OK}
LEAD_ONLY_OWN_TEAM = {"default": DENIED, "lead": OK, "lead_other": NOT_FOUND, "administrator": OK}
PRACTITIONERS_OWN = {"default": NOT_FOUND, "practitioner": OK}

ROWS: list[Row] = [
    # Site ------------------------------------------------------------------
    Row("healthcheck", **PUBLIC),
    post_only("csp_report", note="browsers post reports without a session"),
    Row("thoughtpieces:glossary", **PUBLIC),
    Row("search:search", **PUBLIC),
    Row("search:search", query="q=compliance", **PUBLIC, note="a search, as each role"),
    Row("certificates:verify", **PUBLIC),
    Row("certificates:verify_code", {"code": "certificate"}, **PUBLIC),
    Row("certificates:download", {"code": "certificate"}, **PRACTITIONERS_OWN),
    # Accounts ----------------------------------------------------------------
    Row("accounts:login", anonymous=OK, default=REDIRECT, note="signed in: sent on"),
    Row("accounts:logout", default=NOT_ALLOWED, anonymous=NOT_ALLOWED),
    Row("accounts:profile"),
    # Two-factor sign-in: staff arrive verified (force_login in tests); people who
    # owe no code are sent on from the code pages.
    Row("accounts:two_factor_verify", default=REDIRECT, note="nothing owed: sent on"),
    Row("accounts:two_factor_recovery", default=REDIRECT, note="nothing owed: sent on"),
    Row("accounts:two_factor_setup"),
    Row("accounts:two_factor_recovery_codes", default=REDIRECT, note="no new codes to show"),
    post_only("accounts:two_factor_recovery_codes_new"),
    Row(
        "accounts:two_factor_remove",
        default=DENIED,
        practitioner=REDIRECT,
        practitioner_other=REDIRECT,
        note="staff may not turn it off; a practitioner with no app is sent to the profile",
    ),
    Row("accounts:kept", default=REDIRECT, note="nothing kept in this browser: sent on"),
    Row("accounts:profile_edit"),
    Row("accounts:data_exports"),
    post_only("accounts:data_export_request", anonymous=LOGIN),
    Row("accounts:data_export", {"pk": "export"}, **PRACTITIONERS_OWN),
    Row("accounts:data_export_download", {"pk": "export"}, **PRACTITIONERS_OWN),
    Row("accounts:password_change"),
    Row("accounts:password_reset", **PUBLIC),
    Row("accounts:password_reset_done", **PUBLIC),
    Row(
        "accounts:password_reset_confirm",
        {"uidb64": "MQ", "token": "set-password"},
        **PUBLIC,
        note="an unknown link: the page says it is no longer valid",
    ),
    Row("accounts:password_reset_complete", **PUBLIC),
    # Teams --------------------------------------------------------------------
    Row("teams:list"),
    Row("teams:detail", {"pk": "team"}, **LEAD_ONLY_OWN_TEAM),
    Row(
        "teams:member_remove",
        {"pk": "team", "membership_id": "membership"},
        **LEAD_ONLY_OWN_TEAM,
    ),
    Row(
        "teams:invitation",
        {"token": "invitation"},
        **PRACTITIONERS_OWN,
        note="an invitation to the practitioner from the other team's lead",
    ),
    post_only("teams:invitation_cancel", {"pk": "team", "invitation_id": "team_invitation"}),
    # Learning -----------------------------------------------------------------
    Row("courses:my_learning"),
    Row("courses:access_log"),
    post_only("courses:enrol", {"course_id": "course"}),
    post_only("courses:step_done", {"step_id": "step"}),
    post_only("courses:piece_read", {"page_id": "piece"}),
    Row("courses:report_index", **STAFF_ONLY),
    Row("courses:report_course", {"course_id": "course"}, **STAFF_ONLY),
    Row("courses:team_progress", {"team_id": "team"}, **LEAD_ONLY_OWN_TEAM),
    Row("courses:team_progress_csv", {"team_id": "team"}, **LEAD_ONLY_OWN_TEAM),
    Row(
        "courses:team_member_progress",
        {"team_id": "team", "user_id": "practitioner", "course_id": "course"},
        **LEAD_ONLY_OWN_TEAM,
    ),
    post_only(
        "courses:team_step_done", {"team_id": "team", "user_id": "practitioner", "step_id": "step"}
    ),
    post_only(
        "courses:team_unassign",
        {"team_id": "team", "user_id": "practitioner", "course_id": "course"},
    ),
    # Journal -------------------------------------------------------------------
    Row("journals:index"),
    Row("journals:new"),
    Row("journals:export"),
    Row("journals:csrf", anonymous=401, note="the autosave script asks; 401 tells it to sign in"),
    Row("journals:notifications"),
    post_only("journals:notification_open", {"pk": 1}, anonymous=LOGIN),
    Row("journals:entry", {"pk": "entry"}, **PRACTITIONERS_OWN),
    post_only("journals:autosave", {"pk": "entry"}),
    post_only("journals:preview", {"pk": "entry"}),
    Row("journals:history", {"pk": "entry"}, **PRACTITIONERS_OWN),
    Row("journals:share", {"pk": "entry"}, **PRACTITIONERS_OWN),
    post_only("journals:share_revoke", {"pk": "entry", "share_id": "share"}, anonymous=LOGIN),
    Row("journals:question", {"question_id": "question"}),
    Row(
        "journals:shared_entry",
        {"pk": "entry"},
        default=NOT_FOUND,
        practitioner=REDIRECT,  # the author goes to their own entry
        lead=REDIRECT,  # a team member goes to the team discussion
        note="the entry is shared with the team: members are sent to its discussion",
    ),
    post_only("journals:shared_comment", {"pk": "entry"}, anonymous=LOGIN),
    Row(
        "journals:team",
        {"team_id": "team"},
        default=NOT_FOUND,
        practitioner=OK,
        lead=OK,
        trainer=OK,
        administrator=OK,
        note="trainers and administrators may post prompts to any team, and see no "
        "reflections there (those are the members')",
    ),
    Row("journals:team_other", {"team_id": "team"}, default=NOT_FOUND, practitioner=OK, lead=OK),
    Row(
        "journals:team_discussion",
        {"team_id": "team", "question_id": "question"},
        default=NOT_FOUND,
        practitioner=OK,
        lead=OK,
    ),
    Row(
        "journals:team_entry",
        {"team_id": "team", "pk": "entry"},
        default=NOT_FOUND,
        practitioner=OK,
        lead=OK,
    ),
    post_only("journals:team_comment", {"team_id": "team", "pk": "entry"}, anonymous=LOGIN),
    # Wagtail: documents and page-view restrictions -------------------------
    Row("wagtaildocs_serve", path="document", **PUBLIC),
    Row(
        "wagtaildocs_authenticate_with_password",
        {"restriction_id": 999999},
        default=NOT_FOUND,
        anonymous=NOT_FOUND,
    ),
    Row(
        "wagtailcore_authenticate_with_password",
        {"page_view_restriction_id": 999999, "page_id": "piece"},
        default=NOT_FOUND,
        anonymous=NOT_FOUND,
    ),
    Row("wagtailcore_login", **PUBLIC),
    # Wagtail page serving: the catch-all pattern, sampled over every page type.
    Row("wagtail_serve", path="/", **PUBLIC),
    Row("wagtail_serve", path="piece", **PUBLIC),
    Row("wagtail_serve", path="course", **PUBLIC),
    Row("wagtail_serve", path="module", **PUBLIC),
    Row("wagtail_serve", path="/no-such-page/", default=NOT_FOUND, anonymous=NOT_FOUND),
    # Routable pages' own routes (walked from each page type).
    Row("page:thoughtpieces.ThoughtPieceIndexPage:index_route", path="pieces", **PUBLIC),
    Row(
        "page:thoughtpieces.ThoughtPieceIndexPage:brochure_route",
        path="brochure",
        default=400,
        anonymous=400,
        note="no pieces chosen: the form again (building a PDF is tested in tests/thoughtpieces)",
    ),
    Row("page:quizzes.QuizPage:start_route", path="quiz", **PUBLIC),
    Row(
        "page:quizzes.QuizPage:question_route",
        path="attempt_question",
        **PRACTITIONERS_OWN,
    ),
    Row("page:quizzes.QuizPage:submit_route", path="attempt_submit", **PRACTITIONERS_OWN),
    Row(
        "page:quizzes.QuizPage:review_route",
        path="attempt_review",
        **PRACTITIONERS_OWN | {"practitioner": REDIRECT},
        note="the attempt is still open: its owner is sent to submit it first",
    ),
    Row("page:quizzes.QuizPage:index_route", path="quiz", **PUBLIC, note="shadowed by start_route"),
    Row("wagtail_serve", path="quizzes", **PUBLIC),
    # Our own Wagtail admin views: explicit rows (Wagtail's own are under ADMIN_RULE).
    Row(
        "thoughtpieces_import",
        default=ADMIN_LOGIN,
        anonymous=ADMIN_LOGIN,
        trainer=OK,
        administrator=OK,
    ),
    Row("quizzes_import", default=ADMIN_LOGIN, anonymous=ADMIN_LOGIN, trainer=OK, administrator=OK),
    Row(
        "quizzes_statistics",
        {"page_id": "quiz"},
        default=ADMIN_LOGIN,
        anonymous=ADMIN_LOGIN,
        trainer=OK,
        administrator=OK,
    ),
    Row(
        "quizzes_export",
        {"page_id": "quiz"},
        default=ADMIN_LOGIN,
        anonymous=ADMIN_LOGIN,
        trainer=OK,
        administrator=OK,
    ),
    Row(
        "accounts_user_erase",
        {"user_id": "practitioner"},
        default=ADMIN_LOGIN,
        anonymous=ADMIN_LOGIN,
        trainer=REDIRECT,
        administrator=OK,
        note="Wagtail's 'no permission' answer: back to the dashboard with a message",
    ),
    Row(
        "accounts_user_two_factor_reset",
        {"user_id": "practitioner"},
        default=ADMIN_LOGIN,
        anonymous=ADMIN_LOGIN,
        trainer=REDIRECT,
        administrator=OK,
    ),
    Row(
        "accounts_lockouts",
        default=ADMIN_LOGIN,
        anonymous=ADMIN_LOGIN,
        trainer=REDIRECT,
        administrator=OK,
    ),
    Row(
        "learning_record_queue",
        default=ADMIN_LOGIN,
        anonymous=ADMIN_LOGIN,
        trainer=REDIRECT,
        administrator=OK,
    ),
    Row(
        "learning_record_send_now",
        default=ADMIN_LOGIN,
        anonymous=ADMIN_LOGIN,
        trainer=NOT_ALLOWED,
        administrator=NOT_ALLOWED,
    ),
    Row(
        "accounts_lockout_unlock",
        default=ADMIN_LOGIN,
        anonymous=ADMIN_LOGIN,
        trainer=NOT_ALLOWED,
        administrator=NOT_ALLOWED,
    ),
    Row(
        "wagtailusers_users:index",
        default=ADMIN_LOGIN,
        anonymous=ADMIN_LOGIN,
        trainer=REDIRECT,
        administrator=OK,
    ),
    Row(
        "wagtailusers_users:index_results",
        default=ADMIN_LOGIN,
        anonymous=ADMIN_LOGIN,
        trainer=REDIRECT,
        administrator=OK,
    ),
    # Wagtail's add and edit views, subclassed to tell the form who is asking.
    Row(
        "wagtailusers_users:add",
        default=ADMIN_LOGIN,
        anonymous=ADMIN_LOGIN,
        trainer=REDIRECT,
        administrator=OK,
    ),
    Row(
        "wagtailusers_users:edit",
        {"pk": "practitioner"},
        default=ADMIN_LOGIN,
        anonymous=ADMIN_LOGIN,
        trainer=REDIRECT,
        administrator=OK,
    ),
]

# Every route under /admin/ that Wagtail itself defines is covered by this rule:
# nobody without admin access gets in, and the samples below prove it route by
# route, with what each staff role may do. A route defined by this project's
# code needs its own row above.
ADMIN_PREFIX = "admin/"
ADMIN_RULE = {
    "anonymous": ADMIN_LOGIN,
    "practitioner": ADMIN_LOGIN,
    "practitioner_other": ADMIN_LOGIN,
    "lead": ADMIN_LOGIN,
    "lead_other": ADMIN_LOGIN,
}
ADMIN_SAMPLES: list[Row] = [
    Row("wagtailadmin_home", **ADMIN_RULE),
    Row("wagtailadmin_explore_root", **ADMIN_RULE),
    Row("wagtailadmin_explore", {"parent_page_id": "piece"}, **ADMIN_RULE),
    Row("wagtailadmin_pages:edit", {"page_id": "piece"}, **ADMIN_RULE),
    Row("wagtailadmin_pages:history", {"page_id": "piece"}, **ADMIN_RULE),
    Row("wagtailadmin_pages:search", **ADMIN_RULE),
    Row("wagtailimages:index", **ADMIN_RULE),
    Row("wagtaildocs:index", **ADMIN_RULE),
    Row("wagtailadmin_account", **ADMIN_RULE),
    Row("wagtailsnippets:index", **ADMIN_RULE, trainer=REDIRECT, administrator=REDIRECT),
    Row("team_admin:index", **ADMIN_RULE, trainer=REDIRECT),
    Row("team_admin:edit", {"pk": "team"}, **ADMIN_RULE, trainer=REDIRECT),
    Row(
        "wagtailsettings:edit",
        {"app_name": "home", "model_name": "footerlinks", "pk": "footer_links"},
        **ADMIN_RULE,
        trainer=REDIRECT,
    ),
    Row("wagtailadmin_reports:site_history", **ADMIN_RULE),
    Row("wagtailadmin_workflows:index", **ADMIN_RULE, trainer=REDIRECT, administrator=REDIRECT),
]
