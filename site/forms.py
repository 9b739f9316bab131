"""
The project's forms render as GOV.UK Frontend form groups through Django's own
form template machinery: `GovukFormMixin` gives a form a renderer whose bound
fields add the GOV.UK classes and ARIA links to each widget, and whose
templates (templates/govuk/forms/) lay out label, hint, error and control.
Wagtail's admin forms keep Django's default renderer.
"""

from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

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
GROUPED_WIDGETS = {"radioselect", "checkboxselectmultiple"}


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
