"""Directory listings and reader comments of the demo site, written for Crypto Flexs.

The listings reuse the invented companies of the demo's stories (content.py), so a listing's
page shows the news that mentions it. Everything is fixed text: a second run changes nothing.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from cryptoflexs.articles.models import Article
from cryptoflexs.comments.models import Comment
from cryptoflexs.directory.models import Listing

# Each listing: name, slug, type, website, coins supported, description and status.
LISTINGS = (
    ("Norvex", "norvex", "exchange", "https://norvex.example", "BTC, ETH, SOL, XRP, USDC",
     "Norvex is a U.S.-based exchange for spot trading of the larger coins, with bank "
     "transfers in dollars and a separate desk for institutions.\n\nIt publishes a monthly "
     "proof of reserves.", "approved"),
    ("Kairos Exchange", "kairos-exchange", "exchange", "https://kairos.example",
     "BTC, ETH, SOL, TON, DOGE",
     "One of the larger trading platforms in Asia, offering spot and perpetual futures "
     "markets and a savings product for stablecoins.", "approved"),
    ("BitHarbor", "bitharbor", "exchange", "https://bitharbor.example",
     "BTC, ETH, POL, AVAX, LINK",
     "A Singapore-based trading platform known for listing smaller altcoins early. Licensed "
     "as a payment institution in Singapore.", "approved"),
    ("Altamira Exchange", "altamira-exchange", "exchange", "https://altamira.example",
     "BTC, ETH, ADA, DOT", "A European crypto exchange with euro deposits by SEPA transfer.",
     "approved"),
    ("Lanternfish Wallet", "lanternfish-wallet", "wallet", "https://lanternfish.example",
     "BTC, ETH, SOL, POL",
     "An open-source self-custody wallet for phones and browsers. Keys stay on the device; "
     "recovery uses a 24-word phrase.", "approved"),
    ("Stonevault", "stonevault", "wallet", "https://stonevault.example", "BTC, LTC",
     "A hardware wallet for bitcoin and litecoin with an offline signing screen.", "approved"),
    ("LumaSwap", "lumaswap", "project", "https://lumaswap.example", "ETH, LUMA",
     "A decentralized exchange on Ethereum and several layer-2 networks, governed by holders "
     "of the LUMA token.", "approved"),
    ("Orbital Money", "orbital-money", "project", "https://orbital.example", "ETH, ORB",
     "A lending protocol for stablecoins and ether.", "approved"),
    ("Velora Payments", "velora-payments", "service", "https://velora.example",
     "BTC, USDC, USDT",
     "A payments company based in Lisbon that lets shops accept stablecoins and settles in "
     "euros the next day.", "approved"),
    ("Ninefold Analytics", "ninefold-analytics", "service", "https://ninefold.example", "",
     "On-chain data and research for funds: flows between exchanges, holder cohorts and "
     "stablecoin supply.", "approved"),
    ("Quickflip Yield", "quickflip-yield", "project", "https://quickflip.example", "USDT",
     "Promises 4% a day on deposits.", "pending"),
)  # fmt: skip


@dataclass(frozen=True)
class DemoComment:
    article: int  # index into the demo's articles, newest first
    name: str
    email: str
    body: str
    hours_after: float
    reply_to: int | None = None  # index into COMMENTS of the comment answered


COMMENTS = (
    DemoComment(1, "Dana Whitlock", "dana.whitlock@example.com",
                "Good to see the flows broken down by fund. Does anyone know whether these "
                "figures include the in-kind creations?", 1.0),
    DemoComment(1, "Marcus Bell", "marcus.bell@cryptoflexs.example",
                "They do: the figures are net of redemptions and count in-kind creations at "
                "the day's closing price.", 2.5, reply_to=0),
    DemoComment(1, "Tom Avery", "tom.avery@example.net",
                "Inflows are one thing, but I would like to know how much of this is basis "
                "trading rather than long-term buying.", 4.0),
    DemoComment(2, "Priya S.", "priya.s@example.org",
                "Listings like this used to move prices for weeks. Now the jump is gone by "
                "the next morning.", 0.75),
    DemoComment(2, "Jonas", "jonas.k@example.com",
                "The exchange's announcement is here for anyone who wants the details: "
                "https://bitharbor.example/announcements", 1.5, reply_to=3),
    DemoComment(5, "Helen Ruiz", "helen.ruiz@example.com",
                "Sensible rules. Referral bonuses pushed a lot of people into products they "
                "did not understand.", 3.0),
    DemoComment(5, "Ken Okafor", "ken.okafor@example.net",
                "I am not so sure. Smaller exchanges relied on referrals to compete with the "
                "big ones; this helps the incumbents.\n\nStill, clearer marketing rules are "
                "better than none.", 5.0),
)  # fmt: skip


def load_listings(*, today: dt.date) -> int:
    """Create or refresh the demo listings; return how many rows were new."""
    created = 0
    for name, slug, kind, website, coins, description, status in LISTINGS:
        approved = status == Listing.Status.APPROVED
        _, new = Listing.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "website": website,
                "coins": coins,
                "description": description,
                "status": status,
                "verified_at": today - dt.timedelta(days=30) if approved else None,
                "last_checked_at": today - dt.timedelta(days=2) if approved else None,
                "submitter_name": "Crypto Flexs demo",
                "submitter_email": "demo@cryptoflexs.example",
            },
        )
        created += new
    return created


def load_comments(article_slugs: list[str]) -> int:
    """Create or refresh the demo comments (approved) on the demo's newest articles."""
    articles = Article.objects.in_bulk(
        {article_slugs[c.article] for c in COMMENTS}, field_name="slug"
    )
    stored: list[Comment] = []
    created = 0
    for spec in COMMENTS:
        article = articles[article_slugs[spec.article]]
        parent = stored[spec.reply_to] if spec.reply_to is not None else None
        when = (article.published_at or timezone.now()) + dt.timedelta(hours=spec.hours_after)
        comment, new = Comment.objects.update_or_create(
            article=article,
            email=spec.email,
            parent=parent,
            defaults={
                "name": spec.name,
                "body": spec.body,
                "status": Comment.Status.APPROVED,
                "created_at": min(when, timezone.now()),
            },
        )
        stored.append(comment)
        created += new
    return created
