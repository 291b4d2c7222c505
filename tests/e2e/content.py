"""A small, realistic news site for the browser tests, built with tests/factories.py.

Categories as on the reference site (CRYPTO with ETHEREUM, BITCOIN and ALTCOIN beneath it,
then BLOCKCHAIN, EXCHANGE and TRADING), the DIRECTORY and SUBMIT menu links, the five footer
pages, three authors and fifteen articles with featured images and tags.
"""

import datetime as dt
import io
import random
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from cryptoflexs.articles.models import Article, Author, Category, Tag
from cryptoflexs.core.models import MenuLink, Page, SiteSettings
from tests import factories

# A title with characters that must be percent-encoded in share links (’ : & ?).
JOURNEY_TITLE = "Ethereum’s Pectra upgrade: what changes for stakers & validators?"
SHORT_TITLE = "Tether mints another $1B USDT on Tron"

PARAGRAPHS = [
    "Market participants spent the week weighing fresh inflation data against a steady stream "
    "of inflows into spot exchange-traded funds. Analysts at several trading desks said the "
    "combination kept volatility unusually low, with options traders paying less for "
    "protection than at any point since the spring.",
    "On-chain data tells a similar story. The number of coins that have not moved for more "
    "than a year climbed to a record, a sign that long-term holders are in no hurry to sell. "
    "Exchange balances, meanwhile, continued their slow decline as investors moved funds into "
    "self-custody wallets.",
    "Regulators were busy as well. A draft framework published on Tuesday would require "
    "custodians to keep client assets segregated and to publish monthly attestations. "
    "Industry groups welcomed the clarity but warned that some of the reporting deadlines "
    "would be hard for smaller firms to meet.",
    "Developers point out that fees on the main network have fallen sharply since rollups "
    "began posting data in cheaper blobs. A simple transfer now costs a fraction of what it "
    "did a year ago, and several wallets have started to route payments through layer two "
    "networks by default.",
    "Not everyone is convinced. Critics argue that liquidity is increasingly fragmented "
    "across dozens of chains and bridges, and that each new bridge adds another place where "
    "funds can be lost. Security researchers have repeatedly called for shared standards "
    "for audits and incident disclosure.",
    "Trading volumes on centralised exchanges rose for the third week in a row. Derivatives "
    "accounted for most of the activity, and funding rates stayed positive, suggesting that "
    "traders remain willing to pay to hold leveraged long positions.",
    "For long-term investors the advice from most analysts has not changed: size positions "
    "so that a sharp drawdown does not force a sale, keep keys in a wallet you control, and "
    "be sceptical of yields that look too good to be true.",
    "Stablecoins continue to grow in the background. Their combined supply is close to an "
    "all-time high, and payment companies are experimenting with settling merchant balances "
    "in tokenised dollars rather than through card networks.",
]

JOURNEY_BODY = """
<p>The Pectra upgrade is the largest change to Ethereum since the move to proof of stake.
It combines the Prague execution-layer fork with the Electra consensus-layer fork and ships
eleven improvement proposals that touch staking, wallets and data availability.</p>
<h2>Bigger validators, fewer messages</h2>
<p>The headline change for stakers is EIP-7251, which raises the maximum effective balance
of a validator from 32 ETH to 2,048 ETH. Large operators that run thousands of validators
today can consolidate them into far fewer, which reduces the number of attestations the
network has to gossip every epoch and should make the peer-to-peer layer lighter.</p>
<p>Solo stakers benefit too. Rewards above 32 ETH can now compound automatically instead of
being swept to the withdrawal address, so a home staker no longer needs to spin up a new
validator for every additional 32 ETH they earn.</p>
<blockquote><p>Consolidation is optional. Nobody is forced to merge validators, but those who
do will pay less in overhead and will be easier to monitor.</p></blockquote>
<h2>Exits from the execution layer</h2>
<p>EIP-7002 lets the withdrawal credentials trigger an exit directly from the execution
layer. Until now only the holder of the validator signing key could request an exit, which
left staking pools dependent on node operators. Smart contracts that hold withdrawal
credentials can now exit validators on their own, a change that liquid staking protocols
have asked for since the Shanghai upgrade.</p>
<ul>
<li>Deposits are processed faster, in about thirteen minutes instead of up to twelve hours.</li>
<li>Exits can be triggered by the withdrawal address.</li>
<li>The maximum effective balance rises to 2,048 ETH.</li>
</ul>
<h2>Smarter accounts for everyone</h2>
<p>EIP-7702 lets an ordinary account temporarily behave like a smart contract wallet. Users
can batch an approval and a swap in one transaction, let an application pay their gas, or
set spending limits, all without moving funds to a new address. Wallet developers expect
the feature to make onboarding far less painful for newcomers who are used to the
convenience of banking apps.</p>
<p>The upgrade also doubles the target number of blobs per block, from three to six, which
gives rollups more room to post their data and should keep layer two fees low as activity
grows. Client teams tested the change for months on the Holesky and Sepolia test networks,
where a few configuration bugs surfaced and were fixed before the main network date was
set.</p>
<h2>What stakers should do now</h2>
<p>Operators should update both their execution and consensus clients before the fork epoch.
Those who want to consolidate should read their client documentation carefully: a
consolidation request moves the whole balance of the source validator, and mistakes cannot
be undone. Holders of liquid staking tokens do not need to do anything; the protocols they
use will handle the change for them.</p>
<p>Analysts expect the upgrade to have little immediate effect on the price of ether, but
they see it as another step towards a network that is cheaper to use and easier to build
on. The next fork, already in planning, focuses on scaling the data layer further with
peer data availability sampling.</p>
"""

# (category path, title, excerpt, top insight, tags); the journey article comes first.
ARTICLES = [
    ("crypto/ethereum", JOURNEY_TITLE,
     "The biggest Ethereum upgrade since the Merge lets validators hold up to 2,048 ETH and "
     "gives ordinary accounts smart-wallet features.", True, ["Ethereum", "Staking"]),
    ("crypto/ethereum", "Ether ETFs record a fifth straight week of inflows",
     "Spot ether funds took in more than $400 million as institutions added exposure.",
     False, ["Ethereum", "ETF"]),
    ("crypto/ethereum", "Layer 2 fees fall to record lows after blob capacity doubles",
     "Rollups are paying less than a cent per transaction to post data on Ethereum.",
     False, ["Ethereum", "Layer 2"]),
    ("crypto/bitcoin", "Bitcoin holds above $95,000 as long-term holders sit tight",
     "Coins dormant for a year or more reached a record share of the supply.", True,
     ["Bitcoin", "Markets"]),
    ("crypto/bitcoin", "Miners turn to AI data centres as hashprice slides",
     "Several listed miners are leasing power capacity to artificial intelligence firms.",
     False, ["Bitcoin", "Mining"]),
    ("crypto/bitcoin", "Lightning Network capacity climbs past 5,000 BTC",
     "Payment channels keep growing as exchanges route more withdrawals over Lightning.",
     False, ["Bitcoin"]),
    ("crypto/altcoin", "Solana developers ship a new validator client",
     "A second independent client should make the network more resilient to bugs.", True,
     ["Solana", "Altcoins"]),
    ("crypto/altcoin", "XRP and Cardano lead a broad altcoin rebound",
     "Large-cap altcoins outperformed bitcoin for a second day.", False, ["Altcoins", "Markets"]),
    ("blockchain", "Banks test tokenised deposits on a shared ledger",
     "Five European banks settled interbank payments in tokenised euros in a pilot.", False,
     ["Tokenisation"]),
    ("blockchain", "Zero-knowledge proofs move from research into production",
     "Proof generation got a hundred times cheaper in two years, engineers say.", True,
     ["Zero Knowledge", "Layer 2"]),
    ("exchange", "Major exchange publishes its first monthly proof of reserves",
     "The exchange says customer balances are backed one to one and audited monthly.", False,
     ["Exchanges", "Regulation"]),
    ("exchange", "Regulators approve two new crypto exchange licences",
     "The licences allow retail trading of bitcoin and ether under new custody rules.", False,
     ["Exchanges", "Regulation"]),
    ("trading", "Options traders price in a quiet month for bitcoin",
     "Implied volatility dropped to its lowest level since March.", False,
     ["Bitcoin", "Markets"]),
    ("trading", "Funding rates stay positive as leverage builds up",
     "Perpetual futures traders keep paying to hold long positions.", False, ["Markets"]),
    ("crypto", SHORT_TITLE,
     "The stablecoin issuer added supply on Tron as demand for dollar tokens rose.", False,
     ["Stablecoins"]),
]  # fmt: skip

PAGES = [
    ("About Us", "about-us"),
    ("Contact Us", "contact-us"),
    ("Disclaimer", "disclaimer"),
    ("Privacy Policy", "privacy-policy"),
    ("Terms and Conditions", "terms-and-conditions"),
]

AUTHORS = [
    ("Lena Hoffmann", "Lena covers Ethereum, staking and the protocols built on top of them."),
    ("Marcus Bell", "Marcus writes about bitcoin markets, mining and macro trends."),
    ("Priya Nair", "Priya reports on exchanges, regulation and the business of crypto."),
]

PALETTES = [
    ((27, 38, 79), (98, 126, 234)),
    ((60, 30, 5), (247, 147, 26)),
    ((10, 45, 40), (20, 190, 150)),
    ((50, 10, 60), (180, 90, 220)),
    ((15, 23, 36), (70, 110, 170)),
]


def jpeg(seed: int, size=(800, 450)) -> ContentFile:
    """Return a small JPEG (a gradient with a price-chart line) as an uploadable file."""
    rng = random.Random(seed)
    dark, light = PALETTES[seed % len(PALETTES)]
    width, height = size
    image = Image.new("RGB", size, dark)
    draw = ImageDraw.Draw(image)
    for x in range(width):
        t = x / width
        colour = tuple(int(d + (lt - d) * t * 0.6) for d, lt in zip(dark, light, strict=True))
        draw.line([(x, 0), (x, height)], fill=colour)
    for _ in range(6):
        r = rng.randint(20, 90)
        cx, cy = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=light, width=3)
    y, points = height * 0.7, []
    for x in range(0, width + 1, 40):
        y = min(height - 20, max(20, y + rng.randint(-45, 35)))
        points.append((x, y))
    draw.line(points, fill=(255, 255, 255), width=5)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return ContentFile(buffer.getvalue(), name=f"featured-{seed}.jpg")


def _body(index: int) -> str:
    count = 3 + index % 6
    paragraphs = [PARAGRAPHS[(index + i) % len(PARAGRAPHS)] for i in range(count)]
    return "".join(f"<p>{p}</p>" for p in paragraphs)


@dataclass
class Site:
    categories: dict[str, Category]
    authors: list[Author]
    tags: dict[str, Tag]
    articles: list[Article]
    pages: list[Page]
    settings: SiteSettings
    menu_links: list[MenuLink] = field(default_factory=list)

    @property
    def journey(self) -> Article:
        """Return the long Ethereum article the reader journey opens."""
        return self.articles[0]

    @property
    def short(self) -> Article:
        """Return an article short enough for "1 Min Read"."""
        return next(a for a in self.articles if a.title == SHORT_TITLE)


def build_site() -> Site:
    """Create the whole site in the current database and return handles to it."""
    settings = SiteSettings.load()
    settings.name = "Crypto Flexs"
    settings.tagline = "Crypto news, analysis and market insights"
    settings.about = (
        "Crypto Flexs brings you the latest news on bitcoin, Ethereum, altcoins, blockchain "
        "technology and the markets, written and checked by our own editors."
    )
    settings.contact_email = "editors@cryptoflexs.example"
    settings.save()

    crypto = factories.category("Crypto", show_in_menu=True, menu_order=1)
    categories = {"crypto": crypto}
    for order, name in enumerate(["Ethereum", "Bitcoin", "Altcoin"], start=1):
        child = factories.category(name, parent=crypto, show_in_menu=True, menu_order=order)
        categories[child.path] = child
    for order, name in enumerate(["Blockchain", "Exchange", "Trading"], start=2):
        categories[name.lower()] = factories.category(name, show_in_menu=True, menu_order=order)
    categories["crypto"].description = "News on bitcoin, Ethereum and the wider coin market."
    categories["crypto"].save()

    menu_links = [
        MenuLink.objects.create(label="Directory", url="/directory/", menu_order=0),
        MenuLink.objects.create(label="Submit", url="/submit/", menu_order=9),
    ]
    pages = [
        Page.objects.create(
            title=title,
            slug=slug,
            footer_order=order,
            body_html=f"<p>{settings.about}</p><h2>Get in touch</h2>"
            f"<p>Write to {settings.contact_email} and an editor will answer.</p>",
        )
        for order, (title, slug) in enumerate(PAGES)
    ]
    authors = [
        factories.author(name, bio=bio, avatar=jpeg(100 + i, size=(192, 192)) if i == 0 else "")
        for i, (name, bio) in enumerate(AUTHORS)
    ]
    tags: dict[str, Tag] = {}
    articles = []
    now = timezone.now()
    for index, (path, title, excerpt, top, tag_names) in enumerate(ARTICLES):
        for name in tag_names:
            if name not in tags:
                tags[name] = factories.tag(name, slug=slugify(name))
        if index == 0:
            body = JOURNEY_BODY
        elif title == SHORT_TITLE:
            body = f"<p>{excerpt}</p><p>{PARAGRAPHS[7]}</p>"
        else:
            body = _body(index)
        articles.append(
            factories.article(
                title,
                slug=slugify(title)[:80],
                category=categories[path],
                author=authors[index % len(authors)],
                excerpt=excerpt,
                body_html=body,
                published_at=now - dt.timedelta(hours=1 + index * 5),
                featured_image=jpeg(index),
                featured_image_alt=f"Illustration for “{title}”",
                featured_image_credit="Image source: Crypto Flexs",
                is_top_insight=top,
                tags=[tags[name] for name in tag_names],
            )
        )
    # A draft must never show up anywhere.
    factories.article(
        "Unpublished draft about Ethereum",
        slug="unpublished-draft",
        category=categories["crypto/ethereum"],
        status=Article.Status.DRAFT,
        published_at=None,
    )
    return Site(categories, authors, tags, articles, pages, settings, menu_links)
