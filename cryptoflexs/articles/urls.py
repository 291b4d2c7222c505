from django.urls import path, re_path

from cryptoflexs.core.pagecache import cache_public_page

from . import views

app_name = "articles"

urlpatterns = [
    path("", cache_public_page(views.HomeView.as_view()), name="home"),
    path("category/<path:path>/", cache_public_page(views.CategoryView.as_view()), name="category"),
    path("tag/<slug:slug>/", cache_public_page(views.TagView.as_view()), name="tag"),
    path("author/<slug:slug>/", cache_public_page(views.AuthorView.as_view()), name="author"),
    re_path(
        r"^(?P<year>[0-9]{4})/$",
        cache_public_page(views.DateArchiveView.as_view()),
        name="archive_year",
    ),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$",
        cache_public_page(views.DateArchiveView.as_view()),
        name="archive_month",
    ),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$",
        cache_public_page(views.DateArchiveView.as_view()),
        name="archive_day",
    ),
    path("<slug:slug>/", views.by_slug, name="by_slug"),
]
