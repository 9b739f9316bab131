from django.urls import path

from . import views

app_name = "journals"

urlpatterns = [
    path("", views.journal_index, name="index"),
    path("new/", views.entry_new, name="new"),
    path("export/", views.journal_export, name="export"),
    path("csrf/", views.csrf_token, name="csrf"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/<int:pk>/open/", views.notification_open, name="notification_open"),
    path("entries/<int:pk>/", views.entry_edit, name="entry"),
    path("entries/<int:pk>/autosave/", views.entry_autosave, name="autosave"),
    path("entries/<int:pk>/preview/", views.entry_preview, name="preview"),
    path("entries/<int:pk>/history/", views.entry_history, name="history"),
    path("entries/<int:pk>/share/", views.entry_share, name="share"),
    path("entries/<int:pk>/shares/<int:share_id>/revoke/", views.share_revoke, name="share_revoke"),
    path("questions/<int:question_id>/", views.question_entries, name="question"),
    path("shared/<int:pk>/", views.shared_entry, name="shared_entry"),
    path("shared/<int:pk>/comments/", views.comment_add, name="shared_comment"),
    path("teams/<int:team_id>/", views.team_discussions, name="team"),
    path("teams/<int:team_id>/other/", views.team_discussion, name="team_other"),
    path(
        "teams/<int:team_id>/questions/<int:question_id>/",
        views.team_discussion,
        name="team_discussion",
    ),
    path("teams/<int:team_id>/entries/<int:pk>/", views.team_entry, name="team_entry"),
    path(
        "teams/<int:team_id>/entries/<int:pk>/comments/",
        views.comment_add,
        name="team_comment",
    ),
]
