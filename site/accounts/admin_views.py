"""Account erasure by an administrator, in the Wagtail admin."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from .data_rights import HOLDINGS, account_erase
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
    """Administrators (the role) and superusers; never trainers or team leads."""
    return user.is_superuser or ADMINISTRATOR in user_roles(user)


def user_erase(request, user_id: int):
    if not can_erase(request.user):
        raise PermissionDenied
    person = get_object_or_404(User, pk=user_id)
    if person.pk == request.user.pk:
        raise PermissionDenied
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
