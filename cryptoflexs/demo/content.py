"""Compose the demo's 150 articles from the data files, the templates and a seeded RNG.

Everything returned here is plain data and depends only on the seed, so two loads produce the
same titles, slugs, bodies and pictures. Only the publication dates move: each article carries
its age, and the loader subtracts it from the moment of loading so the demo always looks
current.
"""

import datetime as dt
import random
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache

from cryptoflexs.articles.slugs import slug_base, slug_candidates
from cryptoflexs.core.slugs import slug_reserved
from cryptoflexs.core.text import normalise_title

from . import data
from .data import CategorySpec, Coin, Kind
from .facts import DAYS, SEED, coin_by_ticker, seeded, story_facts
from .images import ImageSpec
from .writing import compose

ARTICLE_COUNT = 150
# Two stories are published twice, a few hours apart, as a feed aggregator would do.
DUPLICATED_STORIES = 2
TOP_INSIGHTS_RECENT = 5  # among the newest 30 articles
TOP_INSIGHTS_OLDER = 7


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    title: str
    excerpt: str
    body_html: str
    category: str  # a category path
    author: str  # an author slug
    tags: tuple[str, ...]
    age: dt.timedelta  # how long before the moment of loading it was published
    image: ImageSpec
    image_alt: str
    is_top_insight: bool = False
    comments_open: bool = True


@cache
def category_by_path() -> dict[str, CategorySpec]:
    return {spec.path: spec for spec in data.categories()}


def house_author() -> str:
    """Return the slug of the news desk's byline (the first author of the data file)."""
    return data.authors()[0].slug


def _slug_for(title: str, taken: set[str]) -> str:
    """Return a unique slug of at most ~80 characters, cut at a word boundary."""
    return _unique(slug_base(title), taken)


def _unique(base: str, taken: set[str]) -> str:
    # The articles' slug rule, applied to the demo's own pages and articles (this module
    # stays pure: the loader's article_create checks the database again).
    pages = {page.slug for page in data.pages()}
    slug = next(
        s
        for s in slug_candidates(base)
        if s not in taken and s not in pages and not slug_reserved(s)
    )
    taken.add(slug)
    return slug


def _ages(rng: random.Random, count: int) -> list[dt.timedelta]:
    """Spread `count` publication ages over two years, denser towards today."""
    hours = []
    for i in range(count):
        share = i / (count - 1)
        hours.append(0.4 + (DAYS * 24 - 6) * share**2 * rng.uniform(0.97, 1.0) + rng.uniform(0, 2))
    return [dt.timedelta(minutes=round(h * 60)) for h in sorted(hours)]


def _author_for(rng: random.Random, category_path: str) -> str:
    specialists = [a.slug for a in data.authors() if category_path in a.beats]
    if not specialists or rng.random() < 0.35:
        return house_author()
    return rng.choice(specialists)


def _tags_for(
    rng: random.Random, kind: Kind, coin: Coin, facts: dict, extra: tuple[str, ...]
) -> tuple[str, ...]:
    tags = [coin.name] if kind.coin_tag else []
    tags += [*kind.tags, *extra]
    if kind.theme == "tech" and facts["network"] not in tags:
        tags.append(facts["network"])
    if kind.theme == "market" and rng.random() < 0.4:
        tags.append(rng.choice(("Markets", "Bitcoin", "Institutional", "Macro")))
    return tuple(dict.fromkeys(tags))[:5]


def _alt_text(spec: ImageSpec, palette_name: str) -> str:
    subject = {
        "coin": f"{_a(spec.coin)} {spec.coin} coin marked {spec.symbol}",
        "chart": f"a {'rising' if spec.trend > 0 else 'falling'} {spec.coin} candlestick chart",
        "blocks": "a chain of linked blocks",
        "nodes": "a network of connected nodes",
        "pixels": "a grid of pixel-art tiles",
        "pillars": "a columned government building",
        "shield": "a shield with a keyhole",
        "orderbook": "order-book depth bars",
        "globe": "a globe crossed by payment routes",
    }[spec.motif]
    if spec.symbol == "$":
        subject = "a stablecoin marked with a dollar sign"
    return f"Illustration: {subject} on {_a(palette_name)} {palette_name} gradient"


def _a(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def headline_stem(title: str) -> str:
    """Return what makes two headlines look alike in a list: their first words, without
    figures ("Bitcoin miners face thinner margins as difficulty rises 1.8%" and "… 2.4%")."""
    words = re.sub(r"[^\w\s]|\d", " ", title.casefold()).split()
    return " ".join(words[:STEM_WORDS])


STEM_WORDS = 4
# A headline's opening may come back at most this often in the whole demo (never twice in one
# category), so that no template shows through (#16, item 4).
STEM_REPEATS = 2


@dataclass
class _Taken:
    titles: set[str] = field(default_factory=set)
    stems: Counter = field(default_factory=Counter)
    by_category: set[tuple[str, str]] = field(default_factory=set)

    def fits(self, title: str, category: str) -> bool:
        stem = headline_stem(title)
        return (
            normalise_title(title) not in self.titles
            and (category, stem) not in self.by_category
            and self.stems[stem] < STEM_REPEATS
        )

    def add(self, title: str, category: str) -> None:
        stem = headline_stem(title)
        self.titles.add(normalise_title(title))
        self.stems[stem] += 1
        self.by_category.add((category, stem))


def _story(seed: int, index: int, category: CategorySpec, age: dt.timedelta, taken: _Taken):
    """Return one generated story; re-rolls until its headline is new and does not look
    like another one of its category (or like two others anywhere)."""
    for attempt in range(200):
        rng = seeded(f"{seed}:article:{index}:{attempt}")
        kind_name = rng.choice(category.kinds)
        kind = data.kinds()[kind_name]
        tickers = [t for t in category.coins if not kind.coins or t in kind.coins] or list(
            kind.coins
        )
        coin = coin_by_ticker()[rng.choice(tickers)]
        facts = story_facts(rng, coin, age.days, category)
        # Briefs, standard stories and long reads, so reading times run from 2 to 5 minutes.
        target = rng.choice(((360, 400), (400, 600), (600, 800), (800, 900)))
        target = rng.randint(*target)
        story = compose(kind_name, facts, rng, target)
        if taken.fits(story["title"], category.path):
            taken.add(story["title"], category.path)
            return rng, kind_name, kind, coin, facts, story
    raise RuntimeError(f"Could not find a new headline for article {index}")


def generate_articles(seed: int = SEED) -> list[DemoArticle]:
    """Return the demo articles, newest first. Same seed, same articles."""
    rng = seeded(seed)
    unique_count = ARTICLE_COUNT - DUPLICATED_STORIES
    paths = [spec.path for spec in data.categories() for _ in range(spec.articles)]
    if len(paths) != ARTICLE_COUNT:
        raise ValueError("Category article counts must add up to ARTICLE_COUNT")
    rng.shuffle(paths)
    paths = paths[:unique_count]
    ages = _ages(rng, unique_count)
    # Indexes into the unique stories, newest first; each duplicate adds one article above its
    # original, so index 6 still lands among the newest 10 and index 17 among the newest 20.
    duplicated = {2: "period", 6: "title-case"}
    recent = [i for i in range(1, 28) if i not in duplicated]
    insights = set(rng.sample(recent, TOP_INSIGHTS_RECENT))
    insights |= set(rng.sample(range(30, 95), TOP_INSIGHTS_OLDER))
    closed = rng.choice([i for i in range(8, 18) if i not in insights and i not in duplicated])

    titles = _Taken()
    slugs: set[str] = set()
    articles = []
    for index, (path, age) in enumerate(zip(paths, ages, strict=True)):
        category = category_by_path()[path]
        story_rng, kind_name, kind, coin, facts, story = _story(seed, index, category, age, titles)
        slug = _slug_for(story["title"], slugs)
        if kind_name == "stablecoins":
            symbol, subject = "$", "Stablecoins"
        else:
            symbol, subject = coin.ticker, coin.name
        trend = 1 if facts["direction"] == "up" else -1
        image = ImageSpec(kind.motif, path, symbol, subject, category.name, f"{seed}:{slug}", trend)
        image_alt = _alt_text(image, category.palette.name)
        article = DemoArticle(
            slug=slug,
            title=story["title"],
            excerpt=story["excerpt"],
            body_html=story["body_html"],
            category=path,
            author=_author_for(story_rng, path),
            tags=_tags_for(story_rng, kind, coin, facts, story["tags"]),
            age=age,
            image=image,
            image_alt=image_alt,
            is_top_insight=index in insights,
            comments_open=index != closed,
        )
        articles.append(article)
        if index in duplicated:
            articles.append(_duplicate(article, duplicated[index], slugs))
    return sorted(articles, key=lambda a: a.age)


def _duplicate(article: DemoArticle, variant: str, slugs: set[str]) -> DemoArticle:
    """Return the same story re-published hours later under a slightly different headline."""
    title = article.title
    if variant == "period":
        title = title.rstrip(".") + "."
    else:
        title = " ".join(w[:1].upper() + w[1:] for w in title.replace("'", "’").split(" "))
    later = article.age - dt.timedelta(hours=3)
    if later < dt.timedelta(minutes=10):
        later = article.age + dt.timedelta(hours=3)
    return replace(
        article,
        slug=_unique(f"{article.slug}-2", slugs),
        title=title,
        age=later,
        author=house_author(),
        is_top_insight=False,
        comments_open=True,
    )
