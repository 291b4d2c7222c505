"""A URLconf that mounts the site under /site/ (tests/core/test_fast_urls.py)."""

from django.urls import include, path

urlpatterns = [path("site/", include("config.urls"))]
