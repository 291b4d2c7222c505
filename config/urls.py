from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from cryptoflexs.core.views import ready
from cryptoflexs.operations.views import metrics

admin.site.site_header = "Crypto Flexs back office"
admin.site.site_title = "Crypto Flexs"
admin.site.index_title = "Newsroom"
# The list pages need the width (at 1280 px the sidebar squeezed titles onto 5-9 lines);
# the index and the breadcrumbs lead everywhere it did.
admin.site.enable_nav_sidebar = False

urlpatterns = [
    path("admin/", admin.site.urls),
    path("search/", include("cryptoflexs.search.urls")),
    path("health/", include("cryptoflexs.core.urls")),
    path("ready/", ready, name="ready"),
    path("metrics", metrics, name="metrics"),
    path("preview/", include("cryptoflexs.editorial.urls")),
    path("comments/", include("cryptoflexs.comments.urls")),
    path("submit/", include("cryptoflexs.submissions.urls")),
    path("contact/", include("cryptoflexs.submissions.contact_urls")),
    path("directory/", include("cryptoflexs.directory.urls")),
    path("", include("cryptoflexs.markets.urls")),
    # Distribution (issue 7): feeds before the article URLs, whose category path is greedy.
    path("", include("cryptoflexs.articles.feeds")),
    path("", include("cryptoflexs.articles.sitemaps")),
    path("newsletter/", include("cryptoflexs.newsletter.urls")),
    path("api/", include("cryptoflexs.api.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns.append(
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    )

# Last: the article URLs end with a catch-all /<slug>/.
urlpatterns.append(path("", include("cryptoflexs.articles.urls")))

handler404 = "cryptoflexs.core.views.page_not_found"
handler500 = "cryptoflexs.core.views.server_error"
