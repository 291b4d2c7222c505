"""Compose the demo site: categories, authors and 150 articles from templates and a seeded RNG.

Everything returned here is plain data and depends only on the seed, so two loads produce the
same titles, slugs, bodies and pictures. Only the publication dates move: each article carries
its age, and the loader subtracts it from the moment of loading so the demo always looks
current.
"""

import datetime as dt
import html
import math
import random
import re
from dataclasses import dataclass, replace
from functools import cache

from django.utils.text import slugify

from cryptoflexs.core.models import RESERVED_SLUGS
from cryptoflexs.core.text import normalise_title

from . import phrases, stories_industry, stories_markets
from .images import PALETTES, ImageSpec
from .pages import PAGES

SEED = 20240117
ARTICLE_COUNT = 150
DAYS = 730
# Two stories are published twice, a few hours apart, as a feed aggregator would do.
DUPLICATED_STORIES = 2
TOP_INSIGHTS_RECENT = 5  # among the newest 30 articles
TOP_INSIGHTS_OLDER = 7

SITE = {
    "name": "Crypto Flexs",
    "tagline": "Cryptocurrency news, analysis and market insight",
    "about": (
        "Crypto Flexs is a professional cryptocurrency news platform. We cover Bitcoin, "
        "Ethereum, altcoins, blockchain technology and the markets around them with clear, "
        "careful reporting, so you can follow the fast-moving world of digital assets "
        "without the noise."
    ),
    "contact_email": "partner@cryptoflexs.com",
    "copyright_holder": "Crypto Flexs",
}

MENU_LINKS = (
    ("Directory", "/directory/", 10),
    ("Submit", "/submit/", 60),
)


# --- Coins and invented actors ------------------------------------------------------------


@dataclass(frozen=True)
class Coin:
    name: str
    ticker: str
    blurb: str
    low: float
    high: float
    volatility: float  # daily standard deviation of the log price
    volume: tuple[float, float]  # daily spot volume range, billions of dollars
    validators: str = "1,000"

    @property
    def label(self) -> str:
        return self.name if self.name == self.ticker else f"{self.name} ({self.ticker})"


COINS = (
    Coin("Bitcoin", "BTC", "the largest cryptocurrency by market value",
         38_000, 126_000, 0.024, (18, 60), "1,000"),
    Coin("Ethereum", "ETH", "the second-largest cryptocurrency and the leading smart-contract "
         "network", 1_500, 4_900, 0.032, (9, 30), "one million"),
    Coin("Solana", "SOL", "the high-throughput smart-contract network",
         80, 290, 0.045, (2, 8), "1,300"),
    Coin("XRP", "XRP", "the token of the XRP Ledger, built for cross-border payments",
         0.4, 3.5, 0.045, (1, 6), "150"),
    Coin("Cardano", "ADA", "the proof-of-stake network built around peer-reviewed research",
         0.25, 1.3, 0.042, (0.3, 1.5), "2,800"),
    Coin("Chainlink", "LINK", "the oracle network that feeds outside data to smart contracts",
         8, 30, 0.045, (0.3, 1.2)),
    Coin("Avalanche", "AVAX", "the layer-1 network known for its custom subnets",
         15, 60, 0.048, (0.3, 1.2), "1,500"),
    Coin("Polygon", "POL", "the Ethereum scaling network whose POL token replaced MATIC",
         0.15, 1.0, 0.048, (0.1, 0.6), "100"),
    Coin("Dogecoin", "DOGE", "the original meme coin",
         0.06, 0.45, 0.055, (0.8, 4)),
    Coin("Toncoin", "TON", "the network closely tied to the Telegram messaging app",
         1.8, 8, 0.04, (0.2, 0.8), "380"),
    Coin("Litecoin", "LTC", "one of the oldest proof-of-work networks",
         50, 140, 0.035, (0.3, 1.0)),
    Coin("Polkadot", "DOT", "the multichain network built around parachains",
         3, 11, 0.042, (0.2, 0.7), "600"),
)  # fmt: skip
COIN = {coin.ticker: coin for coin in COINS}
ALTS = ("SOL", "XRP", "ADA", "LINK", "AVAX", "POL", "DOGE", "TON", "LTC", "DOT")
SMART_CHAINS = ("ETH", "SOL", "ADA", "AVAX", "POL", "TON", "DOT")

EXCHANGES = (
    ("Norvex", "a U.S.-based crypto exchange"),
    ("Kairos Exchange", "one of the larger trading platforms in Asia"),
    ("BitHarbor", "a Singapore-based trading platform"),
    ("Altamira Exchange", "a European crypto exchange"),
    ("Zephyr Markets", "a derivatives-focused exchange"),
    ("Corvid Exchange", "a Latin American exchange"),
)
FUNDS = (
    "Meridian Asset Management", "Ironbridge Investments", "Calder & Finch",
    "Harrowgate Capital", "Bluewater Funds", "Stanmore Global",
)  # fmt: skip
FIRMS = (
    "Blue Heron Research", "Quarry Point Capital", "Ninefold Analytics", "Copperline Markets",
    "Eastwake Digital", "Sable Ridge Partners", "Lantern Hill Research",
)  # fmt: skip
LAW_FIRMS = ("Halden & Voss", "Marlowe Kent", "Ashby Crane")
COMPANIES = (
    ("Velora Payments", "a payments company based in Lisbon"),
    ("Harbourline Hotels", "a hotel group with properties across Southeast Asia"),
    ("Kestrel Logistics", "a freight forwarding company"),
    ("Brightmart", "a regional supermarket chain"),
    ("Tessaro Software", "a listed business software maker"),
    ("Pinecrest Retail", "an online electronics retailer"),
    ("Calloway Games", "a video game publisher"),
    ("Nordlys Energy", "a Norwegian energy company"),
)
MINERS = ("Granite Peak Mining", "Frostline Hash", "Redmesa Digital")
PROTOCOLS = (
    ("LumaSwap", "LUMA"), ("Arcadia Lend", "ARC"), ("Tessellate Finance", "TSL"),
    ("Driftwood Vaults", "DRFT"), ("Orbital Money", "ORB"), ("Keel Protocol", "KEEL"),
)  # fmt: skip
LAYER2S = ("Brightline", "Coral Rollup", "Lattice", "Skylane", "Northwind")
COLLECTIONS = (
    "Paper Lanterns", "Tidal Glyphs", "Quiet Machines", "Chromatic Orchard",
    "Salt & Static", "Neon Herbarium",
)  # fmt: skip
MARKETPLACES = ("Gallerion", "MintHall", "Curio Market")
STUDIOS = ("Atelier Nine", "Foldline Studio", "Vesper Works")
UPGRADES = ("Aster", "Cobalt", "Juniper", "Solstice", "Tern", "Quill", "Halcyon")
REGIONS = (
    ("the European Union", "European regulators"),
    ("the United Kingdom", "the U.K. financial watchdog"),
    ("Hong Kong", "Hong Kong's securities regulator"),
    ("Singapore", "Singapore's central bank"),
    ("Japan", "Japan's financial regulator"),
    ("South Korea", "South Korea's financial regulator"),
    ("Brazil", "Brazil's central bank"),
    ("Dubai", "Dubai's virtual asset regulator"),
    ("Australia", "Australia's securities regulator"),
    ("Switzerland", "the Swiss financial market supervisor"),
    ("Canada", "Canadian securities regulators"),
    ("the United States", "U.S. securities regulators"),
)
ANALYSTS = (
    "Lena Hartmann", "Marcus Bell", "Sofia Castellanos", "Tomasz Nowak", "Aisha Karim",
    "Jonah Whitfield", "Ren Takahashi", "Clara Moreau", "Idris Mensah", "Hannah Lowe",
)  # fmt: skip
ANALYST_ROLES = (
    "head of research", "chief market strategist", "senior analyst",
    "director of digital assets", "portfolio manager",
)  # fmt: skip
EXECUTIVES = (
    "Elena Varga", "Samuel Osei", "Mei Lin Tan", "Oliver Brandt", "Nadia Farouk",
    "Lucas Moreira",
)  # fmt: skip
EXECUTIVE_ROLES = ("chief executive", "chief financial officer", "head of product")


# --- Categories, authors, kinds of story --------------------------------------------------


@dataclass(frozen=True)
class CategorySpec:
    name: str
    slug: str
    parent: str | None  # the parent's slug
    menu_order: int
    show_in_menu: bool
    description: str
    articles: int
    kinds: tuple[str, ...]
    coins: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"{self.parent}/{self.slug}" if self.parent else self.slug


CATEGORIES = (
    CategorySpec("Crypto", "crypto", None, 20, True,
                 "News on the cryptocurrency market as a whole: prices, flows, sentiment and "
                 "the stories that move every coin.",
                 10, ("market_wrap", "stablecoins", "price_move"), ("BTC", "ETH", "SOL", "XRP")),
    CategorySpec("Ethereum", "ethereum", "crypto", 1, True,
                 "Ethereum news: ether's price, network upgrades, staking, layer-2 networks and "
                 "the ecosystem built on it.",
                 18, ("price_move", "etf_flows", "upgrade", "layer2", "staking"), ("ETH",)),
    CategorySpec("Bitcoin", "bitcoin", "crypto", 2, True,
                 "Bitcoin news: price action, spot ETF flows, mining and the companies adding "
                 "BTC to their balance sheets.",
                 22, ("price_move", "etf_flows", "mining", "treasury"), ("BTC",)),
    CategorySpec("Altcoin", "altcoin", "crypto", 3, True,
                 "Coverage of altcoins, from Solana and XRP to Cardano, Dogecoin and newer "
                 "tokens.",
                 18, ("price_move", "listing", "upgrade", "memecoin", "staking"), ALTS),
    CategorySpec("Blockchain", "blockchain", None, 30, True,
                 "The technology under the tokens: protocol upgrades, tokenization, "
                 "interoperability and enterprise blockchains.",
                 12, ("upgrade", "tokenization", "enterprise", "layer2"), SMART_CHAINS),
    CategorySpec("Exchange", "exchange", None, 40, True,
                 "News about the exchanges where crypto is bought and sold: listings, new "
                 "products, reserves and security.",
                 12, ("listing", "exchange_ops", "breach"), ALTS),
    CategorySpec("Trading", "trading", None, 50, True,
                 "Technical analysis, derivatives data and market structure for traders of "
                 "digital assets.",
                 16, ("technical", "derivatives"), ("BTC", "ETH", "SOL", "XRP", "DOGE", "ADA")),
    CategorySpec("Adoption News", "adoption-news", None, 0, False,
                 "How businesses, payment networks, institutions and governments are putting "
                 "crypto to use.",
                 12, ("adoption", "treasury", "tokenization"), ("BTC", "ETH", "SOL")),
    CategorySpec("Regulation", "regulation", None, 0, False,
                 "Laws, rules and enforcement: how regulators and lawmakers around the world are "
                 "shaping the crypto industry.",
                 12, ("regulation", "stablecoins"), ("BTC", "ETH")),
    CategorySpec("DeFi", "defi", None, 0, False,
                 "Decentralized finance: lending, exchanges, stablecoins and the protocols that "
                 "run them on-chain.",
                 10, ("defi_tvl", "defi_governance", "exploit"), ("ETH", "SOL", "AVAX")),
    CategorySpec("NFT", "nft", None, 0, False,
                 "Non-fungible tokens: collections, marketplaces, sales data and digital "
                 "ownership.",
                 8, ("nft_market", "nft_launch"), ("ETH", "SOL")),
)  # fmt: skip
CATEGORY = {spec.path: spec for spec in CATEGORIES}


@dataclass(frozen=True)
class AuthorSpec:
    name: str
    slug: str
    bio: str
    colour: str
    beats: tuple[str, ...]  # category paths this author usually covers

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.split()[:2]).upper()


AUTHORS = (
    AuthorSpec("Crypto Flexs", "crypto-flexs",
               "The Crypto Flexs news desk: market updates, briefs and breaking stories "
               "compiled and checked by our editorial team.",
               "#f7931a", ()),
    AuthorSpec("Maya Lindqvist", "maya-lindqvist",
               "Maya covers markets, derivatives and trading. Before joining Crypto Flexs she "
               "spent six years analyzing bond markets for an investment bank.",
               "#0ea5e9",
               ("crypto", "crypto/bitcoin", "crypto/altcoin", "trading", "exchange")),
    AuthorSpec("Daniel Okafor", "daniel-okafor",
               "Daniel reports on regulation, policy and adoption, following how lawmakers, "
               "supervisors and businesses are shaping the crypto industry.",
               "#16a34a",
               ("regulation", "adoption-news", "exchange", "blockchain")),
    AuthorSpec("Priya Raman", "priya-raman",
               "Priya writes about Ethereum, DeFi and the engineering behind blockchain "
               "networks. She previously built distributed systems for a payments company.",
               "#9333ea",
               ("crypto/ethereum", "defi", "nft", "blockchain", "crypto/altcoin")),
)  # fmt: skip
HOUSE_AUTHOR = AUTHORS[0].slug


@dataclass(frozen=True)
class Kind:
    theme: str  # shared context and outlook: market, policy, tech, business, nft or ""
    motif: str  # what the featured image shows, see images.MOTIFS
    tags: tuple[str, ...]
    coins: tuple[str, ...] = ()  # narrows the category's coins; empty keeps them
    coin_tag: bool = True  # whether the coin is what the story is about


KINDS = {
    "price_move": Kind("market", "coin", ("Price Analysis", "Markets")),
    "etf_flows": Kind("market", "coin", ("ETF", "Institutional"), coins=("BTC", "ETH")),
    "mining": Kind("market", "blocks", ("Mining",), coins=("BTC",)),
    "treasury": Kind("market", "coin", ("Institutional", "Adoption"), coins=("BTC",)),
    "upgrade": Kind("tech", "blocks", ("Network Upgrade",), coins=SMART_CHAINS),
    "layer2": Kind("tech", "blocks", ("Layer 2", "Scaling"), coins=("ETH",)),
    "staking": Kind("tech", "coin", ("Staking",), coins=("ETH", "SOL", "ADA", "AVAX", "DOT")),
    "memecoin": Kind("market", "coin", ("Memecoins", "Markets"), coins=("DOGE",)),
    "listing": Kind("business", "coin", ("Exchanges", "Listings"),
                    coins=("LINK", "AVAX", "TON", "DOT", "ADA", "POL")),
    "exchange_ops": Kind("business", "orderbook", ("Exchanges",), coin_tag=False),
    "exploit": Kind("", "shield", ("Security", "DeFi"), coin_tag=False),
    "breach": Kind("", "shield", ("Security", "Exchanges"), coin_tag=False),
    "technical": Kind("market", "chart", ("Technical Analysis", "Price Analysis")),
    "derivatives": Kind("market", "chart", ("Derivatives", "Options"),
                        coins=("BTC", "ETH", "SOL")),
    "market_wrap": Kind("market", "chart", ("Markets", "Market Wrap"),
                        coins=("BTC", "ETH", "SOL", "XRP")),
    "stablecoins": Kind("policy", "coin", ("Stablecoins", "Payments"), coin_tag=False),
    "regulation": Kind("policy", "pillars", ("Regulation", "Policy"), coin_tag=False),
    "defi_tvl": Kind("market", "chart", ("DeFi", "Lending")),
    "defi_governance": Kind("tech", "nodes", ("DeFi", "Governance"), coin_tag=False),
    "nft_market": Kind("nft", "pixels", ("NFT", "Digital Art")),
    "nft_launch": Kind("nft", "pixels", ("NFT", "Digital Art"), coin_tag=False),
    "adoption": Kind("business", "globe", ("Payments", "Adoption")),
    "tokenization": Kind("business", "blocks", ("Tokenization", "Real-World Assets"),
                         coins=("ETH", "POL", "AVAX", "SOL"), coin_tag=False),
    "enterprise": Kind("tech", "nodes", ("Enterprise", "Supply Chain"),
                       coins=("ETH", "POL", "AVAX", "SOL"), coin_tag=False),
}  # fmt: skip


# --- Output -------------------------------------------------------------------------------


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


def seeded(key: str | int) -> random.Random:
    """Return a generator seeded with `key` (a str seed is hashed with SHA-512: stable)."""
    # Demo text and pictures only need to be repeatable, not unpredictable.
    return random.Random(key)  # noqa: S311


# --- Templates ----------------------------------------------------------------------------

_CHOICE = re.compile(r"\[([^\[\]]*)\]")


def parse_pools(text: str, prefix: str = "") -> dict[str, list[str]]:
    """Read `@slot` blocks of templates; indented lines continue the template above."""
    pools: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith("@"):
            current = pools.setdefault(prefix + line[1:].strip(), [])
        elif current is None:
            raise ValueError(f"Template outside a slot: {line!r}")
        elif line[0].isspace():
            current[-1] += " " + line.strip()
        else:
            current.append(line.strip())
    return pools


@cache
def pools() -> dict[str, dict[str, list[str]]]:
    """Return every template pool: shared ones under "shared", then one entry per kind."""
    shared = parse_pools(phrases.SHARED) | parse_pools(phrases.PHRASES)
    kinds = stories_markets.KINDS | stories_industry.KINDS
    return {"shared": shared} | {name: parse_pools(text) for name, text in kinds.items()}


def fill(template: str, facts: dict[str, str], rng: random.Random) -> str:
    """Pick one of each `[a|b]` alternative, then substitute the facts."""
    chosen = _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)
    return chosen.format_map(facts)


def variants(pool: dict[str, list[str]]) -> list[str]:
    """Return the numbered variants a kind defines (["1", "2"] …), or [""] if none."""
    found = {key.split(".")[1].split("_")[0] for key in pool if key.startswith("headline.")}
    return sorted(found) or [""]


def choose(
    pool: dict[str, list[str]], slot: str, variant: str, direction: str, *, own: bool = False
) -> list[str]:
    """Return the templates for `slot`: the variant's and the kind's general ones.

    With `own`, a variant's templates replace the general ones instead of joining them: a
    headline, its excerpt and its lead must tell the same story.
    """
    specific = []
    if variant:
        specific = pool.get(f"{slot}.{variant}_{direction}", []) + pool.get(f"{slot}.{variant}", [])
    general = pool.get(f"{slot}_{direction}", []) + pool.get(slot, [])
    return specific if own and specific else specific + general


# --- Numbers ------------------------------------------------------------------------------


@cache
def price_path(ticker: str, seed: int = SEED) -> tuple[float, ...]:
    """Return one closing price per day, index 0 being today, as a mean-reverting walk."""
    coin = COIN[ticker]
    rng = seeded(f"{seed}:price:{ticker}")
    lo, hi = math.log(coin.low), math.log(coin.high)
    mid = (lo + hi) / 2
    value = rng.uniform(lo + (hi - lo) * 0.2, mid)
    days = []
    for _ in range(DAYS + 40):
        value += rng.gauss(0, coin.volatility) + (mid - value) * 0.01 + 0.0006
        value = min(max(value, lo), hi)
        days.append(math.exp(value))
    return tuple(reversed(days))


def format_money(value: float) -> str:
    """Format a price the way markets quote it: $64,210 / $182.40 / $2.14 / $0.1623."""
    if value >= 1000:
        return f"${value:,.0f}"
    if value >= 1:
        return f"${value:,.0f}" if value >= 100 and value == int(value) else f"${value:,.2f}"
    text = f"{value:.4f}".rstrip("0")
    return "$" + (text + "0" if len(text.split(".")[1]) < 2 else text)


def format_amount(value: float) -> str:
    """Format dollars in words: $412 million, $2.4 billion, $1.92 trillion."""
    for size, word, digits in ((1e12, "trillion", 2), (1e9, "billion", 1), (1e6, "million", 0)):
        if value >= size:
            number = f"{value / size:,.{digits}f}"
            return f"${number.rstrip('0').rstrip('.') if digits else number} {word}"
    return f"${value:,.0f}"


def _steps(price: float) -> tuple[float, float]:
    coarse = 10 ** math.floor(math.log10(price)) / 2
    return coarse, coarse / 5


def _round_up(value: float, step: float) -> float:
    return round(math.ceil(value / step + 1e-9) * step, 10)


def _round_down(value: float, step: float) -> float:
    return round(math.floor(value / step - 1e-9) * step, 10)


SPANS = {1: ("the past 24 hours", "24 hours"), 2: ("the past two days", "two days"),
         3: ("the past three days", "three days"), 7: ("the past week", "a week")}  # fmt: skip

DIRECTION_WORDS = {
    "up": {
        "side": "buyers", "trend": "higher", "move_noun": "rally", "flow_dir": "inflows",
        "bias": "bullish", "sign": "+", "momentum": "building", "swing": "higher lows",
        "macd": "above its signal line", "funding_word": "positive",
        "funding_verb": "lean long", "rate_word": "climbed", "fear_label": "greed",
    },
    "down": {
        "side": "sellers", "trend": "lower", "move_noun": "pullback", "flow_dir": "outflows",
        "bias": "bearish", "sign": "-", "momentum": "fading", "swing": "lower highs",
        "macd": "below its signal line", "funding_word": "negative",
        "funding_verb": "bet on declines", "rate_word": "eased", "fear_label": "fear",
    },
}  # fmt: skip


def _facts(rng: random.Random, coin: Coin, days_ago: int, category: CategorySpec) -> dict:
    """Return every value a template may use, consistent with the coin's price that day."""
    path = price_path(coin.ticker)
    price = path[days_ago]
    span_days = rng.choice((1, 1, 2, 3, 7))
    change = (price / path[days_ago + span_days] - 1) * 100
    direction = "up" if change >= 0 else "down"
    pct = min(abs(change), 24.0)
    if pct < 1.2:
        pct = rng.uniform(1.2, 3.5)
    coarse, fine = _steps(price)
    support = _round_down(price * (1 - rng.uniform(0.025, 0.07)), fine)
    resistance = _round_up(price * (1 + rng.uniform(0.025, 0.07)), fine)
    btc = price_path("BTC")[days_ago]
    dominance = rng.uniform(48, 62)
    growth = (DAYS - days_ago) / DAYS  # 0 two years ago, 1 today
    vol_lo, vol_hi = coin.volume
    exchange, exchange_desc = rng.choice(EXCHANGES)
    company, company_desc = rng.choice(COMPANIES)
    protocol, ptoken = rng.choice(PROTOCOLS)
    region, regulator = rng.choice(REGIONS)
    network = "Ethereum" if coin.ticker in ("BTC", "DOGE", "LTC", "XRP") else coin.name
    floor_unit = coin.ticker if coin.ticker in ("ETH", "SOL") else "ETH"
    floor_value = rng.uniform(0.8, 12) if floor_unit == "ETH" else rng.uniform(10, 90)
    up = direction == "up"
    facts = {
        **DIRECTION_WORDS[direction],
        "direction": direction,
        "coin": coin.name,
        "ticker": coin.ticker,
        "coin_tk": coin.label,
        "coin_blurb": coin.blurb,
        "network": network,
        "category": category.name,
        "price": format_money(price),
        "pct": f"{pct:.1f}",
        "span": SPANS[span_days][0],
        "span_short": SPANS[span_days][1],
        "level": format_money(_round_up(price * 1.005, coarse)),
        "target": format_money(_round_up(resistance * 1.01, coarse)),
        "support": format_money(support),
        "resistance": format_money(resistance),
        "max_pain": format_money(_round_down(price * rng.uniform(0.96, 1.02), fine)),
        "volume": format_amount(rng.uniform(vol_lo, vol_hi) * 1e9),
        "oi": format_amount(rng.uniform(vol_lo, vol_hi) * 1.3e9),
        "options": format_amount(rng.uniform(vol_lo, vol_hi) * 0.25e9),
        "liquidations": format_amount(rng.uniform(150, 1100) * 1e6),
        "mcap": format_amount(btc * 19.8e6 / (dominance / 100)),
        "dominance": f"{dominance:.1f}",
        "stables": format_amount((150 + 150 * growth + rng.uniform(-5, 5)) * 1e9),
        "fear": str(rng.randint(56, 82) if up else rng.randint(18, 44)),
        "flows": format_amount(rng.uniform(80, 950) * 1e6),
        "flow_days": str(rng.randint(4, 12)),
        "aum": format_amount(
            rng.uniform(60, 150) * 1e9 if coin.ticker == "BTC" else rng.uniform(8, 25) * 1e9
        ),
        "hashrate": f"{600 + 450 * growth + rng.uniform(-20, 20):.0f} EH/s",
        "difficulty": f"{rng.uniform(1.5, 7.5):.1f}",
        "tvl": format_amount(rng.uniform(60, 140) * 1e9),
        "tvl_pct": f"{rng.uniform(3, 18):.1f}",
        "apr": f"{rng.uniform(2.5, 7.5):.1f}%",
        "amount": format_amount(rng.choice((25, 40, 50, 75, 100, 120, 150, 200, 250, 300)) * 1e6),
        "nft_sales": format_amount(rng.uniform(40, 180) * 1e6),
        "floor": f"{floor_value:.2f} {floor_unit}",
        "users": rng.choice(("850,000", "1.2 million", "2 million", "3.5 million", "5 million")),
        "txs": f"{rng.uniform(1.5, 9):.1f} million",
        "fee": f"${rng.uniform(0.002, 0.05):.3f}",
        "validators": coin.validators,
        "funding": f"{'' if up else '-'}{rng.uniform(0.004, 0.03):.3f}%",
        "put_call": f"{rng.uniform(0.45, 1.2):.2f}",
        "rsi": str(rng.randint(55, 72) if up else rng.randint(28, 45)),
        "ma": rng.choice(("50", "100", "200")),
        "volume_word": rng.choice(("rising", "heavy") if up else ("elevated", "heavy")),
        "months": rng.choice(("three", "four", "six")),
        "deadline": rng.choice(
            ("next year", "within 18 months", "at the start of next year", "within two years")
        ),
        "exchange": exchange,
        "exchange_desc": exchange_desc,
        "fund": rng.choice(FUNDS),
        "firm": rng.choice(FIRMS),
        "law_firm": rng.choice(LAW_FIRMS),
        "company": company,
        "company_cap": company[0].upper() + company[1:],
        "company_desc": company_desc,
        "miner": rng.choice(MINERS),
        "protocol": protocol,
        "ptoken": ptoken,
        "l2": rng.choice(LAYER2S),
        "collection": rng.choice(COLLECTIONS),
        "marketplace": rng.choice(MARKETPLACES),
        "studio": rng.choice(STUDIOS),
        "upgrade": rng.choice(UPGRADES),
        "region": region,
        "regulator": regulator,
        "regulator_cap": regulator[0].upper() + regulator[1:],
        "region_cap": region[0].upper() + region[1:],
        "liquidated_side": "short positions" if up else "long positions",
        "iv_word": rng.choice(("risen", "fallen", "edged up", "eased")),
        "band_word": rng.choice(("narrowed", "tightened")),
        "analyst": rng.choice(ANALYSTS),
        "analyst_role": rng.choice(ANALYST_ROLES),
        "executive": rng.choice(EXECUTIVES),
        "executive_role": rng.choice(EXECUTIVE_ROLES),
    }
    if int(facts["fear"]) >= 75 or int(facts["fear"]) <= 25:
        facts["fear_label"] = "extreme " + facts["fear_label"]
    for slot in ("driver", "reason"):
        facts[slot] = rng.choice(pools()["shared"][f"{slot}_{direction}"])
    return facts


# --- Composition --------------------------------------------------------------------------


class _Drawer:
    """Draw sentences from pools without repeating one within an article."""

    def __init__(self, rng: random.Random, facts: dict):
        self.rng, self.facts, self.left = rng, facts, {}

    def take(self, key: str, templates: list[str]) -> str | None:
        left = self.left.setdefault(key, list(templates))
        if not left:
            return None
        return fill(left.pop(self.rng.randrange(len(left))), self.facts, self.rng)


def _paragraph(sentences: list[str]) -> str:
    return "<p>" + html.escape(" ".join(sentences), quote=False) + "</p>"


def _heading(text: str) -> str:
    return f"<h2>{html.escape(text, quote=False)}</h2>"


_BODY_ORDER = ("detail", "analysis", "context", "outlook")
MIN_WORDS = 350


def _words(blocks: list[str]) -> int:
    return sum(len(re.sub(r"<[^>]+>", " ", block).split()) for block in blocks)


def compose(kind_name: str, facts: dict, rng: random.Random, target_words: int) -> dict:
    """Return the title, excerpt, HTML body and extra tags of one story of kind `kind_name`.

    The body has 5 to 9 paragraphs: a lead, detail and analysis from the kind's own pools,
    context and outlook shared by its theme, a closing risk note; one or two subheads, and
    sometimes a quote or a list.
    """
    kind, own, shared = KINDS[kind_name], pools()[kind_name], pools()["shared"]
    direction, variant = facts["direction"], rng.choice(variants(pools()[kind_name]))
    draw = _Drawer(rng, facts)

    def pool(slot: str, *, only_variant: bool = False) -> tuple[str, list[str]]:
        templates = choose(own, slot, variant, direction, own=only_variant)
        if slot in ("context", "outlook") and kind.theme:
            templates += choose(shared, f"{kind.theme}.{slot}", "", direction)
        return slot, templates

    def one(slot: str) -> str:
        return fill(rng.choice(pool(slot, only_variant=True)[1]), facts, rng)

    title, excerpt = one("headline"), one("excerpt")
    speakers = pool("speaker", only_variant=True)[1] or ["{analyst}, {analyst_role} at {firm}"]
    speaker = fill(speakers[0], facts, rng)

    paragraphs = min(9, max(5, round(target_words / 100)))
    middle = ["detail", "analysis", "context", "outlook", "detail", "context", "analysis"]
    middle = sorted(middle[: paragraphs - 2], key=_BODY_ORDER.index)
    per_paragraph = max(40, (target_words - 80) / len(middle))

    def build(slot: str, minimum: int = 1) -> str | None:
        sentences: list[str] = []
        while len(sentences) < 6:
            words = sum(len(s.split()) for s in sentences)
            if len(sentences) >= 2 and words >= per_paragraph:
                break
            sentence = draw.take(*pool(slot))
            if sentence is None:
                break
            sentences.append(sentence)
        return _paragraph(sentences) if len(sentences) >= minimum else None

    lead = [
        draw.take("lead", pool("lead", only_variant=True)[1]),
        draw.take("lead2", pool("lead2", only_variant=True)[1]),
    ]
    blocks = [_paragraph([s for s in lead if s])]
    second_subhead = paragraphs >= 7 and rng.random() < 0.6
    quoted = listed = False
    for index, slot in enumerate(middle):
        if slot == "analysis" and middle.index(slot) == index:
            blocks.append(_heading(one("subhead")))
        if second_subhead and index == len(middle) - 1:
            blocks.append(_heading(rng.choice(shared["subhead"])))
        paragraph = build(slot)
        if paragraph:
            blocks.append(paragraph)
        quotes = pool("quote")[1]
        if slot == "analysis" and quotes and not quoted and rng.random() < 0.55:
            quoted = True
            text = html.escape(fill(rng.choice(quotes), facts, rng), quote=False)
            who = html.escape(speaker, quote=False)
            blocks.append(f"<blockquote><p>“{text}” <cite>{who}</cite></p></blockquote>")
        items = pool("bullet", only_variant=True)[1]
        if slot == "context" and items and not listed and rng.random() < 0.5:
            listed = True
            blocks.append(_paragraph([one("bullets_intro")]))
            entries = "".join(
                f"<li>{html.escape(fill(item, facts, rng), quote=False)}</li>" for item in items
            )
            blocks.append(f"<ul>{entries}</ul>")
    for slot in ("context", "outlook", "detail", "analysis"):
        if _words(blocks) >= max(MIN_WORDS, target_words * 0.9) or len(blocks) > 12:
            break
        paragraph = build(slot, minimum=2)
        if paragraph:
            blocks.append(paragraph)
    closing = [draw.take("risk", shared["risk"]), draw.take("closing", shared["closing"])]
    blocks.append(_paragraph([s for s in closing if s]))
    return {
        "title": title,
        "excerpt": excerpt,
        "body_html": "\n".join(blocks),
        "tags": tuple(pool("tags")[1]),
    }


# --- The article list ---------------------------------------------------------------------

_PAGE_SLUGS = frozenset(page["slug"] for page in PAGES)


def _slug_for(title: str, taken: set[str]) -> str:
    """Return a unique slug of at most ~80 characters, cut at a word boundary."""
    base = slugify(title)
    if len(base) > 80:
        base = base[:80].rsplit("-", 1)[0]
    return _unique(base, taken)


def _unique(base: str, taken: set[str]) -> str:
    slug, n = base, 2
    while slug in taken or slug in RESERVED_SLUGS or slug in _PAGE_SLUGS or slug.isdigit():
        slug, n = f"{base}-{n}", n + 1
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
    specialists = [a.slug for a in AUTHORS if category_path in a.beats]
    if not specialists or rng.random() < 0.35:
        return HOUSE_AUTHOR
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


def _story(seed: int, index: int, category: CategorySpec, age: dt.timedelta, taken: set[str]):
    """Return one generated story; re-rolls until its headline is new."""
    for attempt in range(50):
        rng = seeded(f"{seed}:article:{index}:{attempt}")
        kind_name = rng.choice(category.kinds)
        kind = KINDS[kind_name]
        tickers = [t for t in category.coins if not kind.coins or t in kind.coins] or list(
            kind.coins
        )
        coin = COIN[rng.choice(tickers)]
        facts = _facts(rng, coin, age.days, category)
        # Briefs, standard stories and long reads, so reading times run from 2 to 5 minutes.
        target = rng.choice(((360, 400), (400, 600), (600, 800), (800, 900)))
        target = rng.randint(*target)
        story = compose(kind_name, facts, rng, target)
        key = normalise_title(story["title"])
        if key not in taken:
            taken.add(key)
            return rng, kind_name, kind, coin, facts, story
    raise RuntimeError(f"Could not find a new headline for article {index}")


def generate_articles(seed: int = SEED) -> list[DemoArticle]:
    """Return the demo articles, newest first. Same seed, same articles."""
    rng = seeded(seed)
    unique_count = ARTICLE_COUNT - DUPLICATED_STORIES
    paths = [spec.path for spec in CATEGORIES for _ in range(spec.articles)]
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

    titles: set[str] = set()
    slugs: set[str] = set()
    articles = []
    for index, (path, age) in enumerate(zip(paths, ages, strict=True)):
        category = CATEGORY[path]
        story_rng, kind_name, kind, coin, facts, story = _story(seed, index, category, age, titles)
        slug = _slug_for(story["title"], slugs)
        if kind_name == "stablecoins":
            symbol, subject = "$", "Stablecoins"
        else:
            symbol, subject = coin.ticker, coin.name
        trend = 1 if facts["direction"] == "up" else -1
        image = ImageSpec(kind.motif, path, symbol, subject, category.name, f"{seed}:{slug}", trend)
        image_alt = _alt_text(image, PALETTES[path].name)
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
        author=HOUSE_AUTHOR,
        is_top_insight=False,
        comments_open=True,
    )
