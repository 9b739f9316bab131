from django import forms

from iomsite.forms import GovukFormMixin


class AddMemberForm(GovukFormMixin, forms.Form):
    email = forms.EmailField(
        label="Email address",
        help_text="They need an account on IOM Compass already.",
        error_messages={
            "required": "Enter the email address of the person to add",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, can_add_lead: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if can_add_lead:
            self.fields["is_lead"] = forms.BooleanField(
                label="Make them a lead of this team", required=False
            )
