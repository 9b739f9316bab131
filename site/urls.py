from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from . import page_routes
from .views import csp_report, healthcheck

urlpatterns = [
    # The Wagtail admin's "Forgotten password?" uses ours: the same throttle, the
    # same page whether or not the address has an account.
    path(
        "admin/password_reset/",
        RedirectView.as_view(pattern_name="accounts:password_reset"),
        name="admin_password_reset_redirect",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("account/", include("iomsite.accounts.urls")),
    path("team/", include("iomsite.teams.urls")),
    path("learning/", include("courses.urls")),
    path("journal/", include("journals.urls")),
    path("glossary/", include("thoughtpieces.urls")),
    path("certificates/", include("courses.certificate_urls")),
    path("search/", include("iomsite.search.urls")),
    path("healthz/", healthcheck, name="healthcheck"),
    path("csp-report/", csp_report, name="csp_report"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page tree last: it serves the home page and everything under it,
# Wagtail's own patterns with its `serve` swapped for ours, which routes from the
# shared cache (`page_routes`).
urlpatterns += [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(serve_pattern, page_routes.serve, name="wagtail_serve"),
]
