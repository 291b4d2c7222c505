from django.urls import path

from . import feeds, views

app_name = "markets"

urlpatterns = [
    path("coins/", views.coin_index, name="index"),
    path("coins/ticker.json", views.ticker_json, name="ticker_json"),
    path("coin/<slug:slug>/", views.coin_detail, name="coin"),
    path("coin/<slug:slug>/feed/", feeds.coin_rss, name="feed"),
    path("coin/<slug:slug>/feed/atom/", feeds.coin_atom, name="feed_atom"),
]
