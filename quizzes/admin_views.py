"""Trainer tools in the Wagtail admin: import, export and per-quiz statistics."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from .exchange import QuizFileError, quiz_export, quiz_import
from .models import QuizIndexPage, QuizPage
from .selectors import quiz_statistics

MAX_FILE_BYTES = 1_000_000


def _editable_quiz(request, page_id: int) -> QuizPage:
    quiz = get_object_or_404(QuizPage, pk=page_id)
    if not quiz.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return quiz


def quiz_statistics_view(request, page_id: int):
    """Aggregates only: counts, means, spreads. No one's rationale or name."""
    quiz = _editable_quiz(request, page_id)
    if quiz.live_revision_id is None:
        stats = None
    else:
        stats = quiz_statistics(quiz=quiz)
    return render(request, "quizzes/admin/statistics.html", {"quiz": quiz, "stats": stats})


def quiz_export_view(request, page_id: int):
    quiz = _editable_quiz(request, page_id).get_latest_revision_as_object()
    response = HttpResponse(quiz_export(quiz), content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slugify(quiz.title) or "quiz"}.yaml"'
    return response


class QuizImportForm(forms.Form):
    file = forms.FileField(required=False, label="Quiz file (.yaml)")
    pasted = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 12}), label="Or paste the file here"
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None:
            if upload.size > MAX_FILE_BYTES:
                raise forms.ValidationError("The file is larger than 1 MB.")
            try:
                cleaned["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError("The file is not UTF-8 text.") from None
        elif cleaned.get("pasted", "").strip():
            cleaned["text"] = cleaned["pasted"]
        else:
            raise forms.ValidationError("Choose a file or paste one.")
        return cleaned


def quiz_import_view(request):
    """A quiz file becomes a new draft under the quiz index; errors create nothing."""
    index = QuizIndexPage.objects.first()
    if index is None or not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    form = QuizImportForm(request.POST or None, request.FILES or None)
    problems, created = [], None
    if request.method == "POST" and form.is_valid():
        try:
            created = quiz_import(text=form.cleaned_data["text"], parent=index, user=request.user)
        except QuizFileError as error:
            problems = error.problems
    return render(
        request,
        "quizzes/admin/import.html",
        {"form": form, "problems": problems, "created": created, "index": index},
        status=400 if form.errors or problems else 200,
    )
