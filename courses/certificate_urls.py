from django.urls import path

from . import certificate_views

app_name = "certificates"

urlpatterns = [
    path("", certificate_views.certificate_verify, name="verify"),
    path("<str:code>/", certificate_views.certificate_verify_code, name="verify_code"),
    path("<str:code>/download/", certificate_views.certificate_download, name="download"),
]
