from django.urls import path

from . import data_views, two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("kept/", views.kept_submissions, name="kept"),
    path("two-factor/", two_factor_views.verify, name="two_factor_verify"),
    path(
        "two-factor/recovery-code/",
        two_factor_views.verify,
        {"recovery": True},
        name="two_factor_recovery",
    ),
    path("two-factor/set-up/", two_factor_views.setup, name="two_factor_setup"),
    path(
        "two-factor/recovery-codes/",
        two_factor_views.recovery_codes,
        name="two_factor_recovery_codes",
    ),
    path(
        "two-factor/recovery-codes/new/",
        two_factor_views.recovery_codes_new,
        name="two_factor_recovery_codes_new",
    ),
    path("two-factor/remove/", two_factor_views.remove, name="two_factor_remove"),
    path("profile/", views.profile, name="profile"),
    path("profile/change/", views.profile_edit, name="profile_edit"),
    path("my-data/", data_views.data_exports, name="data_exports"),
    path("my-data/request/", data_views.data_export_request, name="data_export_request"),
    path("my-data/<int:pk>/", data_views.data_export, name="data_export"),
    path(
        "my-data/<int:pk>/download/", data_views.data_export_download, name="data_export_download"
    ),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
