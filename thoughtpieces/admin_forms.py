from django import forms

from .importing.reader import FORMATS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ImportForm(forms.Form):
    files = MultipleFileField(
        required=False,
        label="Files",
        help_text="Markdown (.md) with front matter, or text (.txt) copied from a web page.",
    )
    pasted = forms.CharField(
        required=False,
        label="Or paste the text",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Paste a whole piece, from its title to its references.",
    )
    format = forms.ChoiceField(
        choices=[("", "Work it out from the file"), *[(f, f.title()) for f in FORMATS]],
        required=False,
    )
    dry_run = forms.BooleanField(
        required=False, label="Only check: show what would be imported, change nothing"
    )
    publish = forms.BooleanField(required=False, label="Publish straight away")

    def __init__(self, *args, can_publish: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_publish:
            del self.fields["publish"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("files") and not (cleaned.get("pasted") or "").strip():
            raise forms.ValidationError("Choose at least one file or paste a piece.")
        return cleaned
