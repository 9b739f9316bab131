from django.urls import path

from . import report_views, team_views, views

app_name = "courses"

urlpatterns = [
    path("", views.my_learning, name="my_learning"),
    path("access-log/", views.access_log, name="access_log"),
    path("enrol/<int:course_id>/", views.enrol, name="enrol"),
    path("steps/<int:step_id>/done/", views.step_done, name="step_done"),
    path("read/<int:page_id>/", views.piece_read, name="piece_read"),
    path("reports/", report_views.report_index, name="report_index"),
    path("reports/<int:course_id>/", report_views.report_course, name="report_course"),
    path("team/<int:team_id>/", team_views.team_progress, name="team_progress"),
    path("team/<int:team_id>/export.csv", team_views.team_progress_csv, name="team_progress_csv"),
    path(
        "team/<int:team_id>/members/<int:user_id>/courses/<int:course_id>/",
        team_views.team_member_progress,
        name="team_member_progress",
    ),
    path(
        "team/<int:team_id>/members/<int:user_id>/steps/<int:step_id>/done/",
        team_views.team_step_done,
        name="team_step_done",
    ),
    path(
        "team/<int:team_id>/members/<int:user_id>/courses/<int:course_id>/unassign/",
        team_views.team_unassign,
        name="team_unassign",
    ),
]
