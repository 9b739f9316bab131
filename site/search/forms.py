from django import forms
from django.utils.translation import gettext_lazy as _

from iomsite.forms import GovukFormMixin

from .selectors import MAX_QUERY_LENGTH


class SiteSearchForm(GovukFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Search for"),
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "required": _("Enter a word or words to search for"),
            "max_length": _("Search for %(limit_value)d characters or fewer"),
        },
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
