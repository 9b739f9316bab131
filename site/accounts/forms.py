from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..forms import GovukFormMixin
from .models import Agency, User
from .names import display_name_validate


class SignInForm(GovukFormMixin, auth_forms.AuthenticationForm):
    """Email and password; a failed sign-in is shown against the password field."""

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _("Enter the email address and password for your account"),
        "inactive": _("This account has been switched off. Ask your administrator to restore it"),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false", "autofocus": False}
        )
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"

    def clean(self):
        try:
            return super().clean()
        except ValidationError as error:
            if error.code != "invalid_login":
                raise
            self.add_error("password", error)
            return self.cleaned_data


class ProfileForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "agency"]
        labels = {"display_name": "Display name", "agency": "Agency"}
        error_messages = {"display_name": {"required": "Enter the name colleagues know you by"}}
        widgets = {"agency": forms.RadioSelect(choices=Agency.choices)}

    def clean_display_name(self):
        return display_name_validate(self.cleaned_data["display_name"], user=self.instance)


class PasswordChangeForm(GovukFormMixin, auth_forms.PasswordChangeForm):
    pass


class PasswordResetForm(GovukFormMixin, auth_forms.PasswordResetForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].error_messages["required"] = "Enter your email address"


class SetPasswordForm(GovukFormMixin, auth_forms.SetPasswordForm):
    pass


class TwoFactorCodeForm(GovukFormMixin, forms.Form):
    """A 6-digit code from the authenticator app."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("Enter the 6-digit code from your authenticator app"),
        max_length=12,
        error_messages={"required": _("Enter the 6-digit code from your authenticator app")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-10",
            }
        ),
    )


class RecoveryCodeForm(GovukFormMixin, forms.Form):
    """One of the person's single-use recovery codes."""

    code = forms.CharField(
        label=_("Recovery code"),
        help_text=_("Each recovery code works once"),
        max_length=40,
        error_messages={"required": _("Enter one of your recovery codes")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
                "class": "govuk-input--width-20",
            }
        ),
    )
