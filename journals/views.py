from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def journal_index(request):
    """The learner's private journal."""
    return render(request, "journals/journal_index.html")
