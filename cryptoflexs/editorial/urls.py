from django.urls import path

from . import views

app_name = "editorial"

urlpatterns = [path("<str:token>/", views.preview, name="preview")]
