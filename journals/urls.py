from django.urls import path

from . import views

app_name = "journals"

urlpatterns = [
    path("", views.journal_index, name="index"),
]
