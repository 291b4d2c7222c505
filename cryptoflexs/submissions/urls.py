from django.urls import path

from . import views

app_name = "submissions"

urlpatterns = [
    path("", views.submit, name="submit"),
    path("thanks/", views.submit_thanks, name="thanks"),
]
