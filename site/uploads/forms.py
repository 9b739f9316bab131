"""The Wagtail document form with a content check (`WAGTAILDOCS_DOCUMENT_FORM_BASE`),
used by the admin's add, edit and multiple-upload views. The size cap is
Wagtail's own (`WAGTAILDOCS_MAX_UPLOAD_SIZE`, no limit unless set)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm

from .documents import document_content_problem


class DocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].help_text = _("A %(extensions)s file of up to %(limit)s.") % {
                "extensions": ", ".join(e.upper() for e in settings.WAGTAILDOCS_EXTENSIONS),
                "limit": filesizeformat(settings.WAGTAILDOCS_MAX_UPLOAD_SIZE),
            }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            problem = document_content_problem(upload)
            if problem:
                raise ValidationError(problem, code="invalid_document_content")
        return upload
