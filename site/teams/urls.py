from django.urls import path

from . import views

app_name = "teams"

urlpatterns = [
    path("", views.team_list, name="list"),
    path("invitations/<str:token>/", views.team_invitation, name="invitation"),
    path("<int:pk>/", views.team_detail, name="detail"),
    path(
        "<int:pk>/members/<int:membership_id>/remove/",
        views.team_member_remove,
        name="member_remove",
    ),
    path(
        "<int:pk>/invitations/<int:invitation_id>/cancel/",
        views.team_invitation_cancel,
        name="invitation_cancel",
    ),
]
