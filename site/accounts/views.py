import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from ..ratelimits import rate_limit_exceeded
from ..teams.selectors import teams_for_member
from .forms import (
    PasswordChangeForm,
    PasswordResetForm,
    ProfileForm,
    SetPasswordForm,
    SignInForm,
)
from .middleware import two_factor_next_url
from .pending import FIELD, kept_fields, pending_finish, pending_for
from .roles import user_roles
from .two_factor import (
    app_device_for,
    recovery_codes_left,
    two_factor_owed,
    two_factor_required_by_role,
)


def password_reset_throttled(request, email: str) -> bool:
    """Count one reset request against the client address (RATE_LIMITS
    "password_reset") and against the email address typed (at most
    PASSWORD_RESET_EMAILS_PER_EMAIL an hour); True when either is over."""
    over_address = rate_limit_exceeded(request, "password_reset")
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    key = f"password-reset:{digest}"
    cache.add(key, 0, timeout=settings.PASSWORD_RESET_EMAIL_WINDOW)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.PASSWORD_RESET_EMAIL_WINDOW)
        count = 1
    return over_address or count > settings.PASSWORD_RESET_EMAILS_PER_EMAIL


class SignInView(auth_views.LoginView):
    """Email and password. Failures are counted by django-axes (per email address
    and per client address); whoever owes a second factor goes on to set-up or
    the code page, carrying `next`."""

    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if two_factor_owed(self.request.user):
            return redirect(two_factor_next_url(self.request, self.get_success_url()))
        return response


class SignOutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, "You have signed out.")
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Your password has been changed.")
        return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = PasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        """Send the link unless this address or this email has asked too often;
        either way the person sees the same "Check your email" page, so the
        page never says whether an account exists or the throttle applied."""
        if password_reset_throttled(self.request, form.cleaned_data["email"]):
            return redirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_required
def profile(request):
    return render(
        request,
        "accounts/profile.html",
        {
            "roles": user_roles(request.user),
            "memberships": teams_for_member(user=request.user),
            "two_factor_device": app_device_for(request.user),
            "two_factor_required": two_factor_required_by_role(request.user),
            "recovery_codes_left": recovery_codes_left(request.user),
        },
    )


@login_required
def profile_edit(request):
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile has been updated.")
        return redirect("accounts:profile")
    return render(
        request, "accounts/profile_edit.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def kept_submissions(request):
    """After signing in again: what was posted after the session ended, each with a
    button that sends it again to where it was going (or one to discard it)."""
    if request.method == "POST":
        if pending_finish(request, token=request.POST.get(FIELD, "")):
            messages.success(request, _("Discarded. It has been deleted."))
        return redirect("accounts:kept")
    kept = [
        {"row": row, **kept_fields(row)}
        for row in pending_for(request)
        if row.path.startswith("/") and not row.path.startswith("//")
    ]
    if not kept:
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/kept_submissions.html", {"kept": kept})
