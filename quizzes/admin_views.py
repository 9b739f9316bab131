"""Trainer tools in the Wagtail admin: import, export and per-quiz statistics."""

from django import forms
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from iomsite.ratelimits import rate_limit_exceeded
from iomsite.views import rate_limited

from .exchange import QuizFileError, max_bytes, quiz_export, quiz_import, size_problem
from .models import QuizIndexPage, QuizPage
from .statistics import quiz_statistics


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
        limit = f"{max_bytes() // 1000:,} KB"
        if upload is not None:
            if upload.size > max_bytes():  # refused before a byte of it is read
                raise forms.ValidationError(
                    f"The file is larger than {limit} ({upload.size // 1000:,} KB). "
                    "Split it into smaller quizzes."
                )
            try:
                cleaned["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError("The file is not UTF-8 text.") from None
        elif cleaned.get("pasted", "").strip():
            problem = size_problem(cleaned["pasted"])
            if problem:
                raise forms.ValidationError(f"The pasted text is too long: {problem}.")
            cleaned["text"] = cleaned["pasted"]
        else:
            raise forms.ValidationError("Choose a file or paste one.")
        return cleaned


class _TooBigForm(QuizImportForm):
    """A paste past Django's request size limit: the form, with that said."""

    def __init__(self):
        super().__init__()
        self.is_bound = True
        self.cleaned_data = {}
        self._errors = forms.utils.ErrorDict()
        self.add_error(
            None,
            f"The pasted text is far larger than the {max_bytes() // 1000:,} KB a quiz "
            "file can be. Split it into smaller quizzes.",
        )


def quiz_import_view(request):
    """A quiz file becomes a new draft under the quiz index; errors create nothing."""
    index = QuizIndexPage.objects.first()
    if index is None or not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    # Counted here rather than with @rate_limit: Wagtail's admin turns the
    # decorator's PermissionDenied into a redirect to the dashboard.
    if request.method == "POST" and rate_limit_exceeded(request, "quiz_import"):
        return rate_limited(request, None)
    try:
        form = QuizImportForm(request.POST or None, request.FILES or None)
    except RequestDataTooBig:
        form = _TooBigForm()
    problems, created = [], None
    if request.method == "POST" and not isinstance(form, _TooBigForm) and form.is_valid():
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
