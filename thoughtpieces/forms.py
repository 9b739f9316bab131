from django import forms

from iomsite.forms import GovukFormMixin


class ThoughtPieceSearchForm(GovukFormMixin, forms.Form):
    q = forms.CharField(label="Search Thought Pieces", required=False, max_length=200)
    topic = forms.ChoiceField(label="Topic", required=False)

    def __init__(self, *args, topics=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", "All topics")] + [(t.slug, t.name) for t in topics]


class BrochureForm(GovukFormMixin, forms.Form):
    piece = forms.TypedMultipleChoiceField(
        label="Choose the pieces for your brochure",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one Thought Piece for your brochure",
            "invalid_choice": "Select Thought Pieces from the list",
        },
    )

    def __init__(self, *args, pieces=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["piece"].choices = [(p.pk, p.title) for p in pieces]
