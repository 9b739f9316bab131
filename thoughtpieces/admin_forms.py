from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .importing.reader import FORMATS
from .importing.text import split_reference_version
from .models import reference_validator


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
    reference = forms.CharField(
        required=False,
        max_length=40,
        label=_("Reference, if the text has none"),
        help_text=_(
            "For example KR/TP/9 (or KR/TP/9/1.0 with its version). Used only for a piece "
            "whose text gives no reference; without one, such a piece is not imported."
        ),
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

    def clean_reference(self):
        reference = " ".join(self.cleaned_data["reference"].split()).upper()
        if reference and not reference_validator.regex.match(split_reference_version(reference)[0]):
            raise forms.ValidationError(reference_validator.message)
        return reference

    def clean(self):
        cleaned = super().clean()
        files = cleaned.get("files") or []
        pasted = cleaned.get("pasted") or ""
        if not files and not pasted.strip():
            raise forms.ValidationError("Choose at least one file or paste a piece.")
        # Bounded work (issue 12): parsing costs about 10 µs a character at worst.
        each, total = (
            settings.THOUGHTPIECE_IMPORT_MAX_BYTES,
            3 * settings.THOUGHTPIECE_IMPORT_MAX_BYTES,
        )
        sizes = [(f.name, f.size) for f in files] + [("The pasted text", len(pasted.encode()))]
        for name, size in sizes:
            if size > each:
                raise forms.ValidationError(
                    f"{name} is {size // 1000:,} KB; a piece can be at most {each // 1000:,} KB."
                )
        if sum(size for _, size in sizes) > total:
            raise forms.ValidationError(
                f"Import at most {total // 1000:,} KB at a time: choose fewer files."
            )
        return cleaned
