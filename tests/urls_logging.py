"""The project's URLs plus one that refuses without a reason, for the log tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from iomsite.urls import urlpatterns as project_urlpatterns


def denied(request):
    raise PermissionDenied


urlpatterns = [path("denied/", denied), *project_urlpatterns]
