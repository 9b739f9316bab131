"""GovukDateField: GOV.UK's day, month and year boxes and their error messages."""

import datetime

import pytest
from django import forms

from iomsite.forms import GovukDateField, GovukFormMixin


class DueForm(GovukFormMixin, forms.Form):
    due = GovukDateField(name="Due date", label="Due date (optional)", required=False)


class RequiredForm(GovukFormMixin, forms.Form):
    due = GovukDateField(name="Due date", label="Due date")


def _typed(day="", month="", year="") -> dict:
    return {"due_day": day, "due_month": month, "due_year": year}


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (_typed("31", "", "2026"), "Due date must include a month"),
        (_typed("", "12", "2026"), "Due date must include a day"),
        (_typed("31", "12", ""), "Due date must include a year"),
        (_typed("", "", "2026"), "Due date must include a day and a month"),
        (_typed("31", "2", "2027"), "Due date must be a real date"),
        (_typed("1", "13", "2027"), "Due date must be a real date"),
        (_typed("0", "1", "2027"), "Due date must be a real date"),
        (_typed("one", "1", "2027"), "Due date must be a real date"),
        (_typed("１", "1", "2027"), "Due date must be a real date"),  # full-width digit
        (_typed("1", "1", "27"), "Year must include 4 numbers"),
        (_typed("1", "1", "20270"), "Year must include 4 numbers"),
    ],
)
def test_a_date_that_is_not_whole_or_real_is_refused_with_govuk_wording(typed, message):
    form = DueForm(typed)
    assert not form.is_valid()
    assert form.errors["due"] == [message]
    html = str(form["due"].as_field_group())
    # What was typed comes back, every box is marked, the fieldset names the error.
    for part in ("day", "month", "year"):
        assert f'name="due_{part}"' in html
        if typed[f"due_{part}"]:
            assert f'value="{typed[f"due_{part}"]}"' in html
    assert html.count("govuk-input--error") == 3
    assert 'role="group"' in html and "id_due-error" in html


def test_a_whole_date_is_read_with_or_without_leading_zeros_and_spaces():
    form = DueForm(_typed(" 07", "3 ", "2027"))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["due"] == datetime.date(2027, 3, 7)
    leap = DueForm(_typed("29", "2", "2028"))
    assert leap.is_valid() and leap.cleaned_data["due"] == datetime.date(2028, 2, 29)


def test_empty_boxes_are_no_date_or_a_clear_error_when_one_is_needed():
    empty = DueForm(_typed())
    assert empty.is_valid() and empty.cleaned_data == {"due": None}
    assert DueForm({}).is_valid()
    required = RequiredForm(_typed())
    assert not required.is_valid() and required.errors["due"] == ["Enter due date"]


def test_the_boxes_are_labelled_and_an_initial_date_fills_them():
    html = str(DueForm(initial={"due": datetime.date(2026, 12, 31)})["due"].as_field_group())
    assert 'class="govuk-date-input"' in html
    for label in ("Day", "Month", "Year"):
        assert f">{label}</label>" in html
    assert 'value="31"' in html and 'value="12"' in html and 'value="2026"' in html
    assert 'inputmode="numeric"' in html and 'type="date"' not in html
    assert "govuk-input--error" not in html
    # The error summary's link goes to the day box.
    form = DueForm(_typed("31"))
    form.is_valid()
    assert form["due"].error_anchor == "id_due_0"
