"""Account erasure, sign-in lock-outs and two-factor resets by an administrator,
in the Wagtail admin."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .data_rights import HOLDINGS, account_erase, account_is_erased
from .models import User
from .roles import ADMINISTRATOR, user_roles


class EraseForm(forms.Form):
    confirm_email = forms.CharField(label="Type the person’s email address to confirm")

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_confirm_email(self):
        typed = self.cleaned_data["confirm_email"].strip().lower()
        if typed != self.person.email.lower():
            raise forms.ValidationError("That is not this person’s email address")
        return typed


def can_erase(user) -> bool:
    """Administrators (the role) and superusers; never trainers or team leads.
    Kept on the user object: the user listing asks once per row."""
    allowed = getattr(user, "_compass_can_erase", None)
    if allowed is None:
        allowed = user.is_superuser or ADMINISTRATOR in user_roles(user)
        user._compass_can_erase = allowed
    return allowed


def user_erase(request, user_id: int):
    if not can_erase(request.user):
        raise PermissionDenied
    person = get_object_or_404(User, pk=user_id)
    if person.pk == request.user.pk:
        raise PermissionDenied
    if account_is_erased(person):
        # The listing offers no button for it; a bookmarked or replayed form gets this.
        messages.error(
            request, _("This account has already been erased. There is nothing left to erase.")
        )
        return redirect("wagtailusers_users:index")
    form = EraseForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        account_erase(user=person, actor=request.user)
        messages.success(request, "The account has been erased and anonymised.")
        return redirect("wagtailusers_users:index")
    return render(
        request,
        "accounts/admin/erase.html",
        {"person": person, "form": form, "holdings": HOLDINGS},
        status=400 if form.errors else 200,
    )


# Sign-in lock-outs and two-factor resets, for administrators -----------------


def _administrators_only(request) -> None:
    if not can_erase(request.user):
        raise PermissionDenied


def lockouts(request):
    """Every current sign-in lock-out, each with an Unlock button."""
    from .signin import lockouts_current

    _administrators_only(request)
    return render(
        request,
        "accounts/admin/lockouts.html",
        {"lockouts": lockouts_current(), "cool_off": settings.AXES_COOLOFF_TIME},
    )


@require_POST
def lockout_unlock(request):
    from .signin import lockout_lift

    _administrators_only(request)
    kind, value = request.POST.get("kind", ""), request.POST.get("value", "").strip()
    if kind not in {"email", "address"} or not value:
        messages.error(request, _("Choose a lock-out to lift."))
    else:
        lockout_lift(kind=kind, value=value, actor=request.user)
        messages.success(request, _("Lifted: %(value)s can sign in again.") % {"value": value})
    return redirect("accounts_lockouts")


def user_two_factor_reset(request, user_id: int):
    """After a lost phone: remove the person's authenticator app and recovery
    codes so they set up a new app at their next sign-in."""
    from .two_factor import app_device_for, two_factor_reset

    _administrators_only(request)
    person = get_object_or_404(User, pk=user_id)
    if person.pk == request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        two_factor_reset(user=person, actor=request.user)
        messages.success(
            request,
            _(
                "Two-factor sign-in reset for %(name)s. "
                "They will set it up again when they next sign in."
            )
            % {"name": person.display_name},
        )
        return redirect("wagtailusers_users:index")
    return render(
        request,
        "accounts/admin/two_factor_reset.html",
        {"person": person, "has_device": app_device_for(person) is not None},
    )
