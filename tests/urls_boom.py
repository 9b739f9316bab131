"""The project's URLs plus one that fails, to see the 500 page."""

from django.urls import path

from iomsite.urls import urlpatterns as project_urlpatterns


def boom(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("boom/", boom), *project_urlpatterns]
