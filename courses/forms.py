from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from iomsite.accounts.models import Agency
from iomsite.forms import GovukDateField, GovukFormMixin


class TeamFilterForm(GovukFormMixin, forms.Form):
    course = forms.TypedChoiceField(label="Course", coerce=int, required=False)
    agency = forms.ChoiceField(
        label="Agency", required=False, choices=[("", "All agencies"), *Agency.choices]
    )

    def __init__(self, *args, courses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [(c.pk, c.title) for c in courses]


class AssignForm(GovukFormMixin, forms.Form):
    course = forms.TypedChoiceField(
        label="Course",
        coerce=int,
        error_messages={
            "required": "Choose a course to assign",
            "invalid_choice": "Choose a course from the list",
        },
    )
    members = forms.TypedMultipleChoiceField(
        label="Who to assign it to",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose people from this team"},
    )
    due_date = GovukDateField(
        name=gettext_lazy("Due date"),
        label=gettext_lazy("Due date (optional)"),
        required=False,
        help_text=gettext_lazy("For example, 31 12 2026"),
    )

    def __init__(self, *args, courses=(), memberships=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [(c.pk, c.title) for c in courses]
        self.fields["members"].choices = [(m.user_id, m.user.display_name) for m in memberships]
        self.fields[
            "members"
        ].help_text = "Leave them all unticked to assign it to everyone in the team."

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due and due < timezone.localdate():
            raise forms.ValidationError("The due date must be today or in the future")
        return due
