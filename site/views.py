from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache


@never_cache
def healthcheck(request):
    """For load balancers: the app answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def rate_limited(request, exception):
    """The answer to a request past its rate limit (iomsite/ratelimits.py)."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response
