import uuid

from django import forms
from django.utils.translation import gettext_lazy

from iomsite.forms import GovukDateField, GovukFormMixin

from .markdown import clean_text
from .models import BODY_MAX_LENGTH, COMMENT_MAX_LENGTH, Scaffold


def _client_key_field():
    """The form's idempotency key (see `journals.services._save_once`): drawn fresh
    with each new form, kept when the form comes back with errors."""
    return forms.UUIDField(widget=forms.HiddenInput, required=False, initial=uuid.uuid4)


class NewEntryForm(GovukFormMixin, forms.Form):
    scaffold = forms.ChoiceField(
        label="Start with a structure (optional)",
        choices=Scaffold.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text="A structure adds headings you can write under, or delete.",
    )
    title = forms.CharField(
        label="Title (optional)",
        max_length=200,
        required=False,
        help_text="For a reflection that is not on a question to consider.",
    )
    client_key = _client_key_field()


class EntryForm(GovukFormMixin, forms.Form):
    title = forms.CharField(label="Title (optional)", max_length=200, required=False)
    body = forms.CharField(
        label="Your reflection",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "true"}),
        help_text=(
            "Markdown works: **bold**, *italic*, ## headings, - lists, > quotes, "
            "[links](https://example.org). Do not include names, dates of birth or "
            "reference numbers of people you work with."
        ),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=10**9)

    def clean_body(self):
        body = clean_text(self.cleaned_data["body"])  # counted as stored, like autosave
        if len(body) > BODY_MAX_LENGTH:
            raise forms.ValidationError(
                f"Your entry must be {BODY_MAX_LENGTH:,} characters or fewer (it is {len(body):,})"
            )
        return body


class ShareForm(GovukFormMixin, forms.Form):
    audience = forms.ChoiceField(
        label="Who to share it with",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a team or a trainer",
            "invalid_choice": "Choose one of your teams or a trainer",
        },
    )
    confirm = forms.BooleanField(
        label="I have checked: nothing in this entry identifies the people I work with",
        required=False,
    )

    def __init__(self, *args, teams=(), trainers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = [
            *((f"team-{t.pk}", f"Team: {t.name}") for t in teams),
            *(
                (f"trainer-{u.pk}", f"Trainer, for feedback: {u.display_name or u.email}")
                for u in trainers
            ),
        ]


class CommentForm(GovukFormMixin, forms.Form):
    body = forms.CharField(
        label="Add a comment",
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Write a comment",
            "max_length": f"Your comment must be {COMMENT_MAX_LENGTH:,} characters or fewer",
        },
    )
    parent = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2**62
    )
    client_key = _client_key_field()


class PromptForm(GovukFormMixin, forms.Form):
    question = forms.TypedChoiceField(
        label="A question to consider (optional)",
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": "Choose a question from the list"},
    )
    text = forms.CharField(
        label=gettext_lazy("Your own question or words (optional)"),
        help_text=gettext_lazy(
            "Write a question of your own, or add a few words to the question you chose: "
            "members see both."
        ),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    discuss_by = GovukDateField(
        name=gettext_lazy("Discuss by date"),
        label=gettext_lazy("Discuss by (optional)"),
        required=False,
        help_text=gettext_lazy("For example, 31 12 2026"),
    )
    client_key = _client_key_field()

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].choices = [
            ("", "Choose a question"),
            *((q.pk, f"{q.page.title}: {q.text}") for q in questions),
        ]


class ExportForm(GovukFormMixin, forms.Form):
    format = forms.ChoiceField(
        label="Format",
        choices=[("md", "Markdown (.md)"), ("pdf", "PDF, for a CPD portfolio")],
        widget=forms.RadioSelect,
        initial="md",
        error_messages={"required": "Choose a format"},
    )
    start = GovukDateField(
        name=gettext_lazy("Start date"),
        label=gettext_lazy("Written on or after (optional)"),
        required=False,
        help_text=gettext_lazy("For example, 1 4 2026"),
    )
    end = GovukDateField(
        name=gettext_lazy("End date"),
        label=gettext_lazy("Written on or before (optional)"),
        required=False,
        help_text=gettext_lazy("For example, 31 3 2027"),
    )
    piece = forms.TypedChoiceField(
        label="Thought Piece (optional)",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Choose a Thought Piece from the list"},
    )

    def __init__(self, *args, pieces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["piece"].choices = [("", "All reflections"), *((p.pk, p.title) for p in pieces)]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            self.add_error("end", "The end date must be on or after the start date")
        return cleaned
