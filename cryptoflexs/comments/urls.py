from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("<int:article_id>/", views.comment_post, name="post"),
    path("<int:article_id>/posted/", views.comment_posted, name="posted"),
]
