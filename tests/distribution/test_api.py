"""The public read-only API: filters, cursor pagination, errors in JSON, ETags, rate limits,
CORS, the OpenAPI schema and local docs, and bounded query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests import factories

from .conftest import SITE


def titles(response):
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


class ApiArticleTests:
    def test_list_shape_and_absolute_urls(self, client, newsroom):
        data = client.get("/api/articles").json()
        lead = next(a for a in data["items"] if a["slug"] == newsroom["lead"].slug)
        assert lead["url"] == SITE + newsroom["lead"].get_absolute_url()
        assert lead["category"]["path"] == "crypto/bitcoin"
        assert lead["author"]["slug"] == "priya-raman"
        assert [t["slug"] for t in lead["tags"]] == ["etf"]
        assert lead["image"] == SITE + newsroom["lead"].featured_image.url
        assert "body_html" not in lead
        assert "Secret draft" not in [a["title"] for a in data["items"]]

    def test_filters(self, client, newsroom):
        assert set(titles(client.get("/api/articles", {"category": "crypto"}))) == {
            newsroom["lead"].title, newsroom["other"].title,
        }  # fmt: skip
        assert titles(client.get("/api/articles", {"tag": "etf"})) == [newsroom["lead"].title]
        assert titles(client.get("/api/articles", {"author": "priya-raman"})) == [
            newsroom["lead"].title
        ]
        assert titles(client.get("/api/articles", {"category": "nope"})) == []

    def test_date_range(self, client, db):
        now = timezone.now()
        old = factories.article("Old", published_at=now - dt.timedelta(days=10))
        factories.article("New", published_at=now - dt.timedelta(hours=1))
        since = (now - dt.timedelta(days=2)).isoformat()
        for bad in ("0.5", "2026-11-01", "2026-11-01T00:00:00"):
            assert client.get("/api/articles", {"published_after": bad}).status_code == 422
        assert titles(client.get("/api/articles", {"published_after": since})) == ["New"]
        assert titles(client.get("/api/articles", {"published_before": since})) == ["Old"]
        assert old

    def test_cursor_pagination_walks_every_article_once(self, client, db):
        same_time = timezone.now() - dt.timedelta(hours=1)
        made = [factories.article(published_at=same_time) for _ in range(4)]
        made += [factories.article() for _ in range(3)]
        seen, cursor = [], None
        for _ in range(10):
            params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
            data = client.get("/api/articles", params).json()
            seen += [a["id"] for a in data["items"]]
            cursor = data["next_cursor"]
            if cursor is None:
                break
        assert sorted(seen) == sorted(a.pk for a in made)
        assert len(seen) == len(set(seen))

    def test_forged_cursor_is_404_in_json(self, client, db):
        response = client.get("/api/articles", {"cursor": "eyJwIjoiMjAyNiJ9:forged"})
        assert response.status_code == 404
        assert response.json() == {"detail": "Invalid cursor"}

    def test_detail_and_404(self, client, newsroom):
        data = client.get(f"/api/articles/{newsroom['lead'].slug}").json()
        assert data["body_html"].startswith("<p>See")
        assert data["canonical_url"] == SITE + newsroom["lead"].get_absolute_url()
        for slug in ("nope", newsroom["draft"].slug):
            response = client.get(f"/api/articles/{slug}")
            assert response.status_code == 404
            assert response.json() == {"detail": "No such article"}

    def test_taxonomy_lists(self, client, newsroom):
        paths = [c["path"] for c in client.get("/api/categories").json()["items"]]
        assert paths == ["crypto", "crypto/bitcoin", "markets"]
        page = client.get("/api/categories", {"limit": 1}).json()
        second = client.get("/api/categories", {"limit": 1, "cursor": page["next_cursor"]}).json()
        assert second["items"][0]["parent_path"] == "crypto"
        assert client.get("/api/tags").json()["items"][0]["slug"] == "etf"
        assert client.get("/api/authors").json()["items"][0]["bio"].startswith("Covers")


class ApiQueryCountTests:
    @pytest.mark.parametrize("url", ["/api/articles", "/api/categories", "/api/tags"])
    def test_lists_cost_a_fixed_number_of_queries(self, client, db, url):
        def count():
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            return len(ctx.captured_queries)

        tag = factories.tag()
        factories.article(tags=[tag], author=factories.author())
        few = count()
        for _ in range(8):
            factories.article(tags=[tag, factories.tag()], author=factories.author())
        assert count() == few
        assert few <= 4


class ApiProtocolTests:
    def test_undeclared_methods_are_405_in_json(self, client, db):
        for method in ("post", "put", "patch", "delete"):
            response = getattr(client, method)("/api/articles")
            assert response.status_code == 405, method
            assert response.json() == {"detail": "Method Not Allowed"}
            assert "GET" in response["Allow"]

    def test_unknown_api_paths_are_404_in_json(self, client, db):
        response = client.get("/api/nothing/here/")
        assert response.status_code == 404
        assert response.json() == {"detail": "Not Found"}

    def test_validation_errors_are_json(self, client, db):
        response = client.get("/api/articles", {"limit": 1000})
        assert response.status_code == 422
        assert response["Content-Type"].startswith("application/json")

    def test_etag_and_304(self, client, newsroom):
        first = client.get("/api/articles")
        etag = first["ETag"]
        again = client.get("/api/articles", HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304
        factories.article("Fresh")
        assert client.get("/api/articles", HTTP_IF_NONE_MATCH=etag).status_code == 200

    def test_head_is_get_without_a_body(self, client, newsroom):
        response = client.head("/api/articles")
        assert response.status_code == 200
        assert response.content == b""
        assert response["ETag"] == client.get("/api/articles")["ETag"]

    def test_cors_for_reads_only(self, client, db):
        assert client.get("/api/tags")["Access-Control-Allow-Origin"] == "*"
        preflight = client.options("/api/tags", HTTP_ORIGIN="https://other.example")
        assert preflight.status_code == 204
        assert preflight["Access-Control-Allow-Origin"] == "*"
        assert "POST" not in preflight["Access-Control-Allow-Methods"]
        assert "Access-Control-Allow-Origin" not in client.post("/api/tags")

    def test_rate_limit_answers_429_in_json_with_retry_after(self, client, db, settings):
        settings.API_RATE_LIMIT = 3
        statuses = [client.get("/api/tags").status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        response = client.get("/api/tags")
        assert response.json() == {"detail": "Too many requests"}
        assert 1 <= int(response["Retry-After"]) <= 60
        # Another client address has its own allowance.
        assert client.get("/api/tags", REMOTE_ADDR="10.1.2.3").status_code == 200

    def test_openapi_schema_documents_every_endpoint(self, client, db):
        schema = client.get("/api/openapi.json").json()
        assert schema["openapi"].startswith("3.")
        assert set(schema["paths"]) == {
            "/api/articles", "/api/articles/{slug}", "/api/categories", "/api/tags",
            "/api/authors", "/api/search", "/api/coins", "/api/coins/{slug}",
        }  # fmt: skip
        for item in schema["paths"].values():
            assert set(item) == {"get"}
            assert {"200", "429"} <= set(item["get"]["responses"])

    def test_docs_use_local_assets_only(self, client, db):
        response = client.get("/api/docs")
        assert response.status_code == 200
        html = response.content.decode()
        assert "swagger-ui-bundle" in html
        assert "cdn" not in html.lower()
        assert "https://" not in html
        assert "'unsafe-inline'" in response["Content-Security-Policy"]
        assert "script-src 'self'" in response["Content-Security-Policy"]


class ApiSearchTests:
    def test_search_calls_the_ranked_backend(self, client, newsroom, monkeypatch):
        from cryptoflexs.api import api as api_module

        calls = []
        order = [newsroom["other"].pk, newsroom["lead"].pk]

        def fake(query, *, page, per_page):
            calls.append((query, page, per_page))
            start = (page - 1) * per_page
            return order[start : start + per_page], start + per_page < len(order)

        monkeypatch.setattr(api_module, "search_article_ids", fake)
        first = client.get("/api/search", {"q": "market", "limit": 1}).json()
        assert [a["id"] for a in first["items"]] == [newsroom["other"].pk]
        second = client.get(
            "/api/search", {"q": "market", "limit": 5, "cursor": first["next_cursor"]}
        ).json()
        assert [a["id"] for a in second["items"]] == [newsroom["lead"].pk]
        assert second["next_cursor"] is None
        assert calls == [("market", 1, 1), ("market", 2, 1)]

    def test_search_finds_published_articles(self, client, newsroom):
        data = client.get("/api/search", {"q": "market wrap"}).json()
        assert [a["slug"] for a in data["items"]] == [newsroom["other"].slug]

    def test_search_without_words_is_empty_not_an_error(self, client, db):
        assert client.get("/api/search", {"q": "!!!"}).json()["items"] == []
        assert client.get("/api/search").status_code == 422
