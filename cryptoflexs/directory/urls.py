from django.urls import path

from cryptoflexs.core.pagecache import cache_public_page

from . import views

app_name = "directory"

urlpatterns = [
    path("", cache_public_page(views.listing_list), name="list"),
    path("submit/", views.listing_submit, name="submit"),
    path("thanks/", views.listing_thanks, name="thanks"),
    path("<slug:slug>/", cache_public_page(views.listing_detail), name="detail"),
]
