"""Related Posts by content: the most similar articles, never the article itself nor another
telling of its story, chosen once and cached."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html as lxml_html

from cryptoflexs.articles.models import Article, Story
from cryptoflexs.search.selectors import related_articles
from tests import factories

pytestmark = pytest.mark.django_db


def related_titles(client, article) -> list[str]:
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content)
    return [
        " ".join(a.text_content().split()) for a in tree.xpath('//section[@class="related"]//h3/a')
    ]


@pytest.fixture
def newsroom():
    markets = factories.category("Markets")
    text = {
        "etf": "<p>Spot bitcoin ETF inflows reached a record as BlackRock and Fidelity funds "
        "drew institutional demand; ETF issuers reported strong creations.</p>",
        "mining": "<p>Miners sold coins as the hashrate rose and hashprice fell to a low; "
        "difficulty adjustment squeezed mining margins.</p>",
        "defi": "<p>Uniswap and Aave liquidity pools saw deposits as lending yields rose "
        "across decentralized finance protocols.</p>",
    }
    made = {}
    for topic, body in text.items():
        for n in range(4):
            made[f"{topic}{n}"] = factories.article(
                f"{topic.upper()} report {n}: {body[3:40]}", body_html=body, category=markets
            )
    return made


class RelatedTests:
    def test_related_are_the_most_similar_articles(self, client, newsroom):
        titles = related_titles(client, newsroom["mining0"])
        assert len(titles) == 3
        assert all(t.startswith("MINING report") for t in titles), titles
        assert newsroom["mining0"].title not in titles

    def test_never_another_copy_of_the_same_story(self, client, newsroom):
        article = newsroom["etf0"]
        copy = factories.article(article.title, body_html=article.body_html,
                                 category=article.category)  # fmt: skip
        keyed = factories.article("Another outlet on the ETF record", body_html=article.body_html,
                                  category=article.category)  # fmt: skip
        story = Story.objects.create(key="etf-record")
        Article.objects.filter(pk__in=[article.pk, keyed.pk]).update(story=story)
        article.refresh_from_db()
        titles = related_titles(client, article)
        assert article.title not in titles
        assert copy.title not in titles
        assert keyed.title not in titles
        assert len(titles) == 3

    def test_cached_and_an_unpublished_article_drops_out_at_once(self, newsroom):
        article = newsroom["defi0"]
        first = related_articles(article)
        with CaptureQueriesContext(connection) as ctx:
            assert related_articles(article) == first
        assert len(ctx.captured_queries) == 1
        Article.objects.filter(pk=first[0].pk).update(status=Article.Status.UNPUBLISHED)
        assert first[0] not in related_articles(article)

    def test_a_lone_article_still_gets_recommendations(self, client):
        lone = factories.article("Completely unique words xylophone")
        others = [factories.article(f"Other story {n}") for n in range(3)]
        titles = related_titles(client, lone)
        assert sorted(titles) == sorted(o.title for o in others)
