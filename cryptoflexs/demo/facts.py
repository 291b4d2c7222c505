"""The numbers of a demo story: a price history per coin, and every fact a template may use.

Prices follow a seeded mean-reverting walk per coin, so a story dated N days ago quotes the
coin's price of that day and the same seed always tells the same market.
"""

import math
import random
from functools import cache

from . import data
from .data import CategorySpec, Coin

SEED = 20240117
DAYS = 730


@cache
def coin_by_ticker() -> dict[str, Coin]:
    return {coin.ticker: coin for coin in data.coins()}


def seeded(key: str | int) -> random.Random:
    """Return a generator seeded with `key` (a str seed is hashed with SHA-512: stable)."""
    # Demo text and pictures only need to be repeatable, not unpredictable.
    return random.Random(key)  # noqa: S311


@cache
def price_path(ticker: str, seed: int = SEED) -> tuple[float, ...]:
    """Return one closing price per day, index 0 being today, as a mean-reverting walk."""
    coin = coin_by_ticker()[ticker]
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


def story_facts(rng: random.Random, coin: Coin, days_ago: int, category: CategorySpec) -> dict:
    """Return every value a template may use, consistent with the coin's price that day."""
    actors = data.actors()
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
    exchange, exchange_desc = rng.choice(actors["exchanges"])
    company, company_desc = rng.choice(actors["companies"])
    protocol, ptoken = rng.choice(actors["protocols"])
    region, regulator = rng.choice(actors["regions"])
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
        "fund": rng.choice(actors["funds"]),
        "firm": rng.choice(actors["firms"]),
        "law_firm": rng.choice(actors["law_firms"]),
        "company": company,
        "company_cap": company[0].upper() + company[1:],
        "company_desc": company_desc,
        "miner": rng.choice(actors["miners"]),
        "protocol": protocol,
        "ptoken": ptoken,
        "l2": rng.choice(actors["layer2s"]),
        "collection": rng.choice(actors["collections"]),
        "marketplace": rng.choice(actors["marketplaces"]),
        "studio": rng.choice(actors["studios"]),
        "upgrade": rng.choice(actors["upgrades"]),
        "region": region,
        "regulator": regulator,
        "regulator_cap": regulator[0].upper() + regulator[1:],
        "region_cap": region[0].upper() + region[1:],
        "liquidated_side": "short positions" if up else "long positions",
        "iv_word": rng.choice(("risen", "fallen", "edged up", "eased")),
        "band_word": rng.choice(("narrowed", "tightened")),
        "analyst": rng.choice(actors["analysts"]),
        "analyst_role": rng.choice(actors["analyst_roles"]),
        "executive": rng.choice(actors["executives"]),
        "executive_role": rng.choice(actors["executive_roles"]),
    }
    if int(facts["fear"]) >= 75 or int(facts["fear"]) <= 25:
        facts["fear_label"] = "extreme " + facts["fear_label"]
    for slot in ("driver", "reason"):
        facts[slot] = rng.choice(data.pools()["shared"][f"{slot}_{direction}"])
    return facts
