from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import IndexView as WagtailUserIndexView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import Agency, User
from .names import display_name_validate

MIXED_SCRIPT_WARNING = _(
    "Check this name: it mixes writing systems (for example Latin letters with Cyrillic "
    "look-alikes), which can be used to pass for someone else."
)


class _ProfileFields(forms.Form):
    display_name = forms.CharField(max_length=150, help_text=User.display_name.field.help_text)
    agency = forms.ChoiceField(choices=Agency.choices)


class _DisplayNameMixin:
    def clean_display_name(self):
        instance = self.instance if self.instance.pk else None
        return display_name_validate(self.cleaned_data["display_name"], user=instance)


class CompassUserCreationForm(_DisplayNameMixin, UserCreationForm):
    display_name = _ProfileFields.base_fields["display_name"]
    agency = _ProfileFields.base_fields["agency"]

    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"display_name", "agency"}


class CompassUserEditForm(_DisplayNameMixin, UserEditForm):
    display_name = _ProfileFields.base_fields["display_name"]
    agency = _ProfileFields.base_fields["agency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.display_name_mixed_script:
            field = self.fields["display_name"] = forms.CharField(
                max_length=150, label=_("Display name")
            )
            field.help_text = MIXED_SCRIPT_WARNING

    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"display_name", "agency"}


class UserIndexView(WagtailUserIndexView):
    @property
    def columns(self):
        columns = list(super().columns)
        columns.insert(
            2,
            Column(
                "display_name_mixed_script",
                accessor=lambda user: (
                    _("Check name: mixed scripts") if user.display_name_mixed_script else ""
                ),
                label=_("Name check"),
                width="15%",
            ),
        )
        return columns


class UserViewSet(WagtailUserViewSet):
    index_view_class = UserIndexView

    def get_form_class(self, for_update=False):
        return CompassUserEditForm if for_update else CompassUserCreationForm
