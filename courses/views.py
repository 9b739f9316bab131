from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from iomsite.teams.selectors import teams_for_member


@login_required
def my_learning(request):
    """The practitioner's own starting point: their teams and their courses."""
    return render(
        request,
        "courses/my_learning.html",
        {"memberships": teams_for_member(user=request.user)},
    )
