"""
The project's forms render as GOV.UK Frontend form groups through Django's own
form template machinery: `GovukFormMixin` gives a form a renderer whose bound
fields add the GOV.UK classes and ARIA links to each widget, and whose
templates (templates/govuk/forms/) lay out label, hint, error and control.
Wagtail's admin forms keep Django's default renderer.
"""

import datetime

from django.core.exceptions import ValidationError
from django.forms import Field, MultiWidget, TextInput
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# widget_type → the GOV.UK class on the control itself.
CONTROL_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "checkbox": "govuk-checkboxes__input",
    "radioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}
GROUPED_WIDGETS = {"radioselect", "checkboxselectmultiple", "govukdate"}


class GovukBoundField(BoundField):
    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}_helptext"

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}-error"

    @property
    def is_grouped(self) -> bool:
        """Radios and checkbox lists render as a fieldset with a legend."""
        return self.widget_type in GROUPED_WIDGETS

    @property
    def error_anchor(self) -> str:
        """Where an error summary link should take focus."""
        if self.is_grouped:
            return f"{self.auto_id}_0"
        return self.id_for_label or self.auto_id

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        widget_type = self.widget_type
        base_class = CONTROL_CLASSES.get(widget_type, "govuk-input")
        classes = [base_class]
        if self.errors and base_class in {"govuk-input", "govuk-textarea", "govuk-select"}:
            classes.append(f"{base_class}--error")
        if self.errors and base_class == "govuk-file-upload":
            classes.append("govuk-file-upload--error")
        existing = attrs.get("class") or widget.attrs.get("class", "")
        attrs["class"] = " ".join(filter(None, [*classes, existing]))
        if not self.is_grouped:
            described_by = []
            if self.help_text:
                described_by.append(self.hint_id)
            if self.errors:
                described_by.append(self.error_id)
            if described_by:
                attrs["aria-describedby"] = " ".join(described_by)
            else:
                attrs.pop("aria-describedby", None)
        else:
            attrs.pop("aria-describedby", None)
        return attrs


class GovukFormRenderer(TemplatesSetting):
    """Renders with the project's templates/govuk/forms/ and GOV.UK bound fields."""

    bound_field_class = GovukBoundField
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"


class GovukFormMixin:
    """Put first in a form's bases: `class MyForm(GovukFormMixin, forms.Form)`."""

    default_renderer = GovukFormRenderer()
    bound_field_class = GovukBoundField
    template_name = "govuk/forms/form.html"


def form_add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors by their field, the
    rest (or fields the form does not have) as non-field errors for the error summary."""
    by_field = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for field, messages in by_field.items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


# --- GOV.UK date input (issue 13) -------------------------------------------
# https://design-system.service.gov.uk/components/date-input/: three boxes (day,
# month, year) instead of the browser's own date picker, whose format follows
# the browser's locale (mm/dd/yyyy) whatever the hint says.


class GovukDateWidget(MultiWidget):
    """Day, month and year boxes, named `<name>_day`, `<name>_month`, `<name>_year`
    (ids `<id>_0`, `_1`, `_2`: the error summary links to the day box)."""

    template_name = "govuk/forms/widgets/date_input.html"
    PARTS = (("day", gettext_lazy("Day"), 2), ("month", gettext_lazy("Month"), 2))
    PARTS += (("year", gettext_lazy("Year"), 4),)

    def __init__(self, attrs=None):
        boxes = {part: TextInput(attrs={"inputmode": "numeric"}) for part, _, _ in self.PARTS}
        super().__init__(boxes, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str) and value:  # an ISO date from `initial`
            try:
                return self.decompress(datetime.date.fromisoformat(value))
            except ValueError:
                pass
        return [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        error = "govuk-input--error" in (attrs or {}).get("class", "")
        for sub, (_part, label, width) in zip(
            context["widget"]["subwidgets"], self.PARTS, strict=True
        ):
            classes = ["govuk-input", "govuk-date-input__input", f"govuk-input--width-{width}"]
            if error:
                classes.append("govuk-input--error")
            sub["attrs"]["class"] = " ".join(classes)
            sub["attrs"].pop("aria-describedby", None)  # on the fieldset instead
            sub["part_label"] = label
        return context


class GovukDateField(Field):
    """A date typed as day, month and year, with GOV.UK's error messages, naming the
    field as `name` does ("Due date must include a month"). What was typed comes
    back in the boxes on an error."""

    widget = GovukDateWidget

    def __init__(self, *, name, **kwargs):
        self.name = name
        super().__init__(**kwargs)

    def to_python(self, value):
        if not value:
            return None
        if isinstance(value, datetime.date):
            return value
        day, month, year = (str(part or "").strip() for part in value)
        if not (day or month or year):
            return None
        missing = [
            str(label)
            for text, label in ((day, _("a day")), (month, _("a month")), (year, _("a year")))
            if not text
        ]
        if missing:
            raise ValidationError(
                _("%(name)s must include %(parts)s")
                % {"name": self.name, "parts": _(" and ").join(missing)},
                code="incomplete",
            )
        if not (day.isascii() and day.isdigit() and month.isascii() and month.isdigit()):
            raise ValidationError(
                _("%(name)s must be a real date") % {"name": self.name}, code="invalid"
            )
        if not (year.isascii() and year.isdigit() and len(year) == 4):
            raise ValidationError(_("Year must include 4 numbers"), code="year")
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(
                _("%(name)s must be a real date") % {"name": self.name}, code="invalid"
            ) from None

    def validate(self, value):
        if value is None and self.required:
            raise ValidationError(
                _("Enter %(name)s") % {"name": self.name.lower()}, code="required"
            )
