from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .views import csp_report, healthcheck

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("account/", include("iomsite.accounts.urls")),
    path("team/", include("iomsite.teams.urls")),
    path("learning/", include("courses.urls")),
    path("journal/", include("journals.urls")),
    path("glossary/", include("thoughtpieces.urls")),
    path("certificates/", include("courses.certificate_urls")),
    path("healthz/", healthcheck, name="healthcheck"),
    path("csp-report/", csp_report, name="csp_report"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree last: it serves the home page and everything under it.
urlpatterns += [path("", include(wagtail_urls))]
