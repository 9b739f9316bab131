from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import Agency, User


class _ProfileFields(forms.Form):
    display_name = forms.CharField(max_length=150, help_text=User.display_name.field.help_text)
    agency = forms.ChoiceField(choices=Agency.choices)


class CompassUserCreationForm(UserCreationForm):
    display_name = _ProfileFields.base_fields["display_name"]
    agency = _ProfileFields.base_fields["agency"]

    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields | {"display_name", "agency"}


class CompassUserEditForm(UserEditForm):
    display_name = _ProfileFields.base_fields["display_name"]
    agency = _ProfileFields.base_fields["agency"]

    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields | {"display_name", "agency"}


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return CompassUserEditForm if for_update else CompassUserCreationForm
