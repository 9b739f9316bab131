from django import forms
from django.utils.translation import gettext_lazy as _

from iomsite.forms import GovukFormMixin


class InviteMemberForm(GovukFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_(
            "We send an invitation if the address belongs to an IOM Compass account. "
            "They join the team when they accept it."
        ),
        error_messages={
            "required": _("Enter the email address of the person to invite"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, can_invite_lead: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if can_invite_lead:
            self.fields["as_lead"] = forms.BooleanField(
                label=_("Invite them as a lead of this team"), required=False
            )
