"""Wagtail's user admin with our fields, one clear way to make an administrator
(the Administrator role; the superuser flag is only for superusers to see, and
says what it is), and every person's role in the listing."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import CreateView as WagtailUserCreateView
from wagtail.users.views.users import EditView as WagtailUserEditView
from wagtail.users.views.users import IndexView as WagtailUserIndexView
from wagtail.users.views.users import UserFilterSet as WagtailUserFilterSet
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import Agency, User
from .names import display_name_validate
from .roles import access_level

SUPERUSER_LABEL = _("Superuser (technical access)")
SUPERUSER_HELP = _(
    "Skips every permission check. Only for the person who runs the site; to make "
    "someone an administrator, give them the Administrator role instead."
)
ROLES_HELP = _(
    "Practitioner: learns and reflects. Trainer: writes content for review. Team lead: "
    "manages their team. Administrator: approves and publishes content, manages people "
    "and teams."
)

MIXED_SCRIPT_WARNING = _(
    "Check this name: it mixes writing systems (for example Latin letters with Cyrillic "
    "look-alikes), which can be used to pass for someone else."
)


class _ProfileFields(forms.Form):
    display_name = forms.CharField(max_length=150, help_text=User.display_name.field.help_text)
    agency = forms.ChoiceField(choices=Agency.choices)


class _DisplayNameMixin:
    """Display name rules, and the role fields as an administrator should read them."""

    def __init__(self, *args, request_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "is_superuser" in self.fields:
            if request_user is not None and request_user.is_superuser:
                self.fields["is_superuser"].label = SUPERUSER_LABEL
                self.fields["is_superuser"].help_text = SUPERUSER_HELP
            else:
                # An administrator cannot make a superuser (nor un-make one):
                # the role is the way to give administrator access.
                del self.fields["is_superuser"]
        if "groups" in self.fields:
            self.fields["groups"].label = _("Roles")
            self.fields["groups"].help_text = ROLES_HELP

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


class UserFilterSet(WagtailUserFilterSet):
    is_superuser = django_filters.BooleanFilter(label=SUPERUSER_LABEL, widget=BooleanRadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["group"].label = _("Role")

    class Meta(WagtailUserFilterSet.Meta):
        pass


class UserIndexView(WagtailUserIndexView):
    @property
    def columns(self):
        columns = [
            Column(
                "access_level",
                accessor=access_level,
                label=_("Role"),
                sort_key="is_superuser",
                classname="level",
                width="15%",
            )
            if column.name == "is_superuser"
            else column
            for column in super().columns
        ]
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

    def get_base_queryset(self):
        return super().get_base_queryset().prefetch_related("groups")


class _RequestUserFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request_user": self.request.user}


class UserCreateView(_RequestUserFormMixin, WagtailUserCreateView):
    pass


class UserEditView(_RequestUserFormMixin, WagtailUserEditView):
    pass


class UserViewSet(WagtailUserViewSet):
    index_view_class = UserIndexView
    add_view_class = UserCreateView
    edit_view_class = UserEditView
    filterset_class = UserFilterSet

    def get_form_class(self, for_update=False):
        return CompassUserEditForm if for_update else CompassUserCreationForm
