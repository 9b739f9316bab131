from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from iomsite.accounts.models import Agency
from iomsite.forms import GovukDateField, GovukFormMixin
from iomsite.teams.models import TeamMembership

from .team_table import QUERY_MAX, Sort, StatusFilter, TableFilters

FIND_RESULTS = 10
CHOSEN_MAX = 500


class TeamFilterForm(GovukFormMixin, forms.Form):
    """The table's filters (a GET form). Bad values fall back to the defaults."""

    course = forms.TypedChoiceField(label=_("Course"), coerce=int, required=False)
    agency = forms.ChoiceField(
        label=_("Agency"), required=False, choices=[("", _("All agencies")), *Agency.choices]
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=StatusFilter.choices)
    q = forms.CharField(label=_("Name or email"), required=False, max_length=QUERY_MAX, strip=True)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=Sort.choices)

    def __init__(self, *args, courses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = [(c.pk, c.title) for c in courses]
        self.fields["q"].widget.attrs.update(type="search", autocomplete="off")

    def filters(self) -> TableFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return TableFilters(
            agency=data.get("agency") or "",
            status=data.get("status") or "",
            query=(data.get("q") or "").replace("\x00", ""),
            sort=data.get("sort") or Sort.ATTENTION,
        )


class AssignForm(GovukFormMixin, forms.Form):
    """Assign a course to the whole team or to people found by name or email.

    The people are user ids from the form, each checked against the team's
    members: the choices are only those ids that are members, plus the matches
    for "Find people", so a team of 3,000 never renders 3,000 checkboxes."""

    WHO_TEAM, WHO_CHOSEN = "team", "chosen"

    course = forms.TypedChoiceField(
        label=_("Course"),
        coerce=int,
        error_messages={
            "required": _("Choose a course to assign"),
            "invalid_choice": _("Choose a course from the list"),
        },
    )
    due_date = GovukDateField(
        name=_("Due date"),
        label=_("Due date (optional)"),
        required=False,
        help_text=_("For example, 31 12 2026"),
    )
    find = forms.CharField(
        label=_("Find people by name or email"),
        required=False,
        max_length=QUERY_MAX,
        help_text=_("Tick the people to assign it to; ticked people stay ticked as you search."),
    )
    members = forms.TypedMultipleChoiceField(
        label=_("People"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose people from this team")},
    )
    who = forms.ChoiceField(
        choices=[(WHO_TEAM, WHO_TEAM), (WHO_CHOSEN, WHO_CHOSEN)],
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, team, courses=(), search=None, **kwargs):
        """`search`: for an unbound form, the submitted data its people come from."""
        kwargs.setdefault("prefix", "assign")
        super().__init__(*args, **kwargs)
        self.team, self.courses = team, courses
        self.source = self.data if self.is_bound else (search or {})
        self.fields["course"].choices = [(c.pk, c.title) for c in courses]
        self.fields["find"].widget.attrs.update(type="search", autocomplete="off")
        chosen = self._chosen_ids()
        members = TeamMembership.objects.filter(team=team).select_related("user")
        picked = list(members.filter(user_id__in=chosen).order_by("user__display_name"))
        found = []
        if query := self._find_query():
            found = list(
                members.filter(
                    Q(user__display_name__icontains=query) | Q(user__email__icontains=query)
                )
                .exclude(user_id__in=chosen)
                .order_by("user__display_name", "user_id")[:FIND_RESULTS]
            )
        self.found_count = len(found)
        # The ticked people who are members, for the view to assign without asking again.
        self.picked = {m.user_id: m.user for m in picked}
        self.fields["members"].choices = [
            (m.user_id, f"{m.user.display_name} ({m.user.email})") for m in [*picked, *found]
        ]

    def _raw(self, name: str):
        getlist = getattr(self.source, "getlist", None)
        return getlist(self.add_prefix(name)) if getlist else []

    def _chosen_ids(self) -> list[int]:
        ids = []
        for value in self._raw("members")[:CHOSEN_MAX]:
            try:
                ids.append(int(value))
            except (TypeError, ValueError):
                continue
        return ids

    def _find_query(self) -> str:
        query = self.source.get(self.add_prefix("find"), "")
        return query.replace("\x00", "").strip()[:QUERY_MAX]

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due and due < timezone.localdate():
            raise forms.ValidationError(_("The due date must be today or in the future"))
        return due

    def clean(self):
        data = super().clean()
        if len(self._raw("members")) > CHOSEN_MAX:
            self.add_error(
                "members",
                _("Choose at most %(count)s people at a time, or assign it to everyone")
                % {"count": CHOSEN_MAX},
            )
        if (
            data.get("who") == self.WHO_CHOSEN
            and not data.get("members")
            and "members" not in (self.errors)
        ):
            self.add_error(
                "members", _("Tick at least one person, or assign it to everyone in the team")
            )
        return data

    def for_searching(self) -> "AssignForm":
        """This form as typed, unbound (so nothing is called an error yet), after
        "Find people": the ticked people stay ticked and the matches are added."""
        self.is_valid()
        kept = {k: v for k, v in self.cleaned_data.items() if k != "who"}
        return AssignForm(team=self.team, courses=self.courses, search=self.data, initial=kept)
