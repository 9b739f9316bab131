from django.urls import path

from . import views

app_name = "thoughtpieces"

urlpatterns = [
    path("", views.glossary, name="glossary"),
]
