from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("", views.my_learning, name="my_learning"),
    path("enrol/<int:course_id>/", views.enrol, name="enrol"),
    path("steps/<int:step_id>/done/", views.step_done, name="step_done"),
    path("read/<int:page_id>/", views.piece_read, name="piece_read"),
]
