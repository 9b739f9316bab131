"""The site's URLs plus routes nobody has put in the access table (a test of the test)."""

from django.http import HttpResponse
from django.urls import include, path


def brand_new(request):
    return HttpResponse("new")


urlpatterns = [
    path("admin/brand-new-admin/", brand_new),  # defined here, not by Wagtail
    path("brand-new/", brand_new, name="brand_new"),
    path("brand-new-unnamed/", brand_new),
    path("", include("iomsite.urls")),
]
