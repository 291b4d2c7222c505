"""The category model: outlet labels as features, training from what editors and outlets
say, a new model version used by the next classification."""

import csv
import json

import pytest
from django.conf import settings

from cryptoflexs.articles.models import Article, Category
from cryptoflexs.ingest.classifier import classify, current_model, forget_model
from cryptoflexs.ingest.models import FeedCategory
from cryptoflexs.ingest.services import source_ingest
from tests import factories
from tests.editorial.test_admin import form_data

from .conftest import make_source, serve
from .test_commands import run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_model(tmp_path, settings):
    """Each test starts with no trained model (the seed's), in a folder of its own."""
    settings.CLASSIFIER_DIR = tmp_path / "classifier"
    forget_model()
    yield
    forget_model()


def _feed(items: list[tuple[str, str, list[str]]]) -> bytes:
    body = "".join(
        f"<item><title>{title}</title><link>https://outlet.example/{n}</link>"
        f"<description>{text}</description>"
        + "".join(f"<category>{c}</category>" for c in categories)
        + "<pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate></item>"
        for n, (title, text, categories) in enumerate(items)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f"<link>https://outlet.example/</link><description>d</description>{body}</channel></rss>"
    ).encode()


def _tree() -> dict[str, Category]:
    crypto = factories.category("Crypto", slug="crypto")
    tree = {"crypto": crypto}
    for name in ("Bitcoin", "Ethereum", "Altcoin"):
        tree[name.lower()] = factories.category(name, slug=name.lower(), parent=crypto)
    for name, slug in (("Blockchain", "blockchain"), ("DeFi", "defi"), ("NFT", "nft")):
        tree[slug] = factories.category(name, slug=slug)
    return tree


HEADLINE = "Markets wait for the Fed as traders stay on the sidelines"


class FeedLabelTests:
    def test_an_outlet_label_changes_the_category(self):
        plain = classify(HEADLINE)
        labelled = classify(HEADLINE, categories=["DeFi News"])
        assert plain.category != "defi"
        assert labelled.category == "defi"
        assert any("outlet labels map to: DeFi" in r for r in labelled.reasons)

    def test_the_editors_table_maps_labels_at_ingest(self, httpserver, private_ok):
        tree = _tree()
        FeedCategory.objects.create(label="Market Pulse", category=tree["nft"])
        FeedCategory.objects.create(label="DeFi", category=None)  # "says nothing" here
        url = serve(
            httpserver,
            "/f",
            _feed(
                [
                    (HEADLINE, "Prices moved little.", ["market pulse"]),
                    (HEADLINE + " again", "Prices moved little.", ["DeFi"]),
                ]
            ),
        )
        source_ingest(source=make_source(url))
        first, second = Article.objects.order_by("title")
        assert first.category == tree["nft"]
        assert second.category != tree["defi"]
        assert first.ingested_entry.feed_categories == ["market pulse"]


class TrainingTests:
    def test_a_trained_model_is_used_by_the_next_classify(self, tmp_path, monkeypatch):
        # A small labelled file written for this test: a made-up project name is NFT news.
        folder = tmp_path / "labelled"
        folder.mkdir()
        with (folder / "labels.csv").open("w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["date", "title", "text", "subject"])
            for n in range(30):
                writer.writerow(
                    [f"{n % 28 + 1:02d}-03-2026 10:00", f"Quorvex drop number {n} sells out",
                     "Collectors bought every piece of the Quorvex series.", "nft"]
                )  # fmt: skip
        probe = json.dumps({"title": "Quorvex update lands this week"}) + "\n"
        before = json.loads(run("classify", stdin=probe, monkeypatch=monkeypatch)[0])
        assert before["model"] == "seed"
        assert before["category_path"] != "nft"

        out, _, code = run("train_classifier", "--training-data", str(folder))
        assert code == 0
        assert "shared 30" in out
        version = current_model().version
        assert version != "seed"
        files = [p.name for p in settings.CLASSIFIER_DIR.iterdir()]
        assert f"model-{version}.json" in files
        assert (settings.CLASSIFIER_DIR / "current").read_text().strip() == f"model-{version}.json"

        after = json.loads(run("classify", stdin=probe, monkeypatch=monkeypatch)[0])
        assert after["model"] == version
        assert after["category_path"] == "nft"

    def test_editor_corrections_are_labels_and_are_counted(
        self, client, editor, httpserver, private_ok
    ):
        tree = _tree()
        url = serve(
            httpserver,
            "/f",
            _feed([("Veltra halts withdrawals after $41M exploit", "Veltra lost $41M.", [])]),
        )
        source_ingest(source=make_source(url))
        article = Article.objects.get()
        predicted = article.category
        corrected = tree["defi"] if predicted != tree["defi"] else tree["nft"]
        client.force_login(editor)
        response = client.post(
            f"/admin/articles/article/{article.pk}/change/",
            form_data(article, category=corrected.pk),
        )
        assert response.status_code == 302
        out, _, _ = run("train_classifier", "--no-training-data", "--dry-run")
        assert "0 ingested categories confirmed, 1 corrected" in out
        assert "correction 1" in out
        assert not settings.CLASSIFIER_DIR.exists()  # a dry run writes nothing
