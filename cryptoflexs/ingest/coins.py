"""The coin registry: name, ticker and aliases of the coins we tag, and the rules that tell
a real mention from a look-alike ("ETHical", "one of", "gas fees", "a link to …").

Rules, from surest to weakest:
- a name or alias ("Chainlink", "Shiba Inu") counts whenever it appears as a whole word,
  in any case, unless the coin marks the name as ambiguous (an English word, such as
  "Avalanche" or "Stellar"): then it counts only with crypto context;
- `$TICKER` (any case) always counts;
- a ticker in capitals as a whole word ("ETH", not "ETHical" or "eth") counts, unless the
  ticker is also an English word (ONE, GAS, LINK, SOL, DOT …) or the text is shouting (mostly
  capitals): then it needs crypto context too.
"Crypto context" is a context word (crypto, token, blockchain …) or another, unambiguous
coin mention in the same text.
"""

import re
from dataclasses import dataclass, field
from functools import cache


@dataclass(frozen=True)
class Coin:
    name: str
    ticker: str
    slug: str
    aliases: tuple[str, ...] = ()
    # The name (not only the ticker) is an ordinary word and needs context.
    ambiguous_name: bool = False
    # The ticker is an ordinary word (or a common abbreviation) and needs context.
    ambiguous_ticker: bool = False


COINS: tuple[Coin, ...] = (
    Coin("Bitcoin", "BTC", "bitcoin", ("bitcoins", "XBT", "satoshis")),
    Coin("Ethereum", "ETH", "ethereum", ("ether", "ethereum's")),
    Coin("Tether", "USDT", "tether"),
    Coin("USD Coin", "USDC", "usd-coin", ("USDC",)),
    Coin("BNB", "BNB", "bnb", ("Binance Coin",)),
    Coin("XRP", "XRP", "xrp", ("Ripple",)),
    Coin("Solana", "SOL", "solana", ambiguous_ticker=True),
    Coin("Cardano", "ADA", "cardano", ambiguous_ticker=True),
    Coin("Dogecoin", "DOGE", "dogecoin"),
    Coin("Shiba Inu", "SHIB", "shiba-inu"),
    Coin("Tron", "TRX", "tron", ("TRON",)),
    Coin("Toncoin", "TON", "toncoin", ("The Open Network",), ambiguous_ticker=True),
    Coin("Avalanche", "AVAX", "avalanche", ambiguous_name=True),
    Coin("Polkadot", "DOT", "polkadot", ambiguous_ticker=True),
    Coin("Chainlink", "LINK", "chainlink", ambiguous_ticker=True),
    Coin("Polygon", "POL", "polygon", ("MATIC",), ambiguous_name=True),
    Coin("Litecoin", "LTC", "litecoin"),
    Coin("Bitcoin Cash", "BCH", "bitcoin-cash"),
    Coin("Ethereum Classic", "ETC", "ethereum-classic", ambiguous_ticker=True),
    Coin("Stellar", "XLM", "stellar", ("Stellar Lumens",), ambiguous_name=True),
    Coin("Monero", "XMR", "monero"),
    Coin("Zcash", "ZEC", "zcash"),
    Coin("Cosmos", "ATOM", "cosmos", ambiguous_name=True, ambiguous_ticker=True),
    Coin("NEAR Protocol", "NEAR", "near-protocol", ambiguous_ticker=True),
    Coin("Uniswap", "UNI", "uniswap", ambiguous_ticker=True),
    Coin("Aave", "AAVE", "aave"),
    Coin("Maker", "MKR", "maker", ("MakerDAO",), ambiguous_name=True),
    Coin("Arbitrum", "ARB", "arbitrum", ambiguous_ticker=True),
    Coin("Optimism", "OP", "optimism", ambiguous_name=True, ambiguous_ticker=True),
    Coin("Filecoin", "FIL", "filecoin", ambiguous_ticker=True),
    Coin("Hedera", "HBAR", "hedera"),
    Coin("Internet Computer", "ICP", "internet-computer", ambiguous_ticker=True),
    Coin("Aptos", "APT", "aptos", ambiguous_ticker=True),
    Coin("Sui", "SUI", "sui", ambiguous_name=True, ambiguous_ticker=True),
    Coin("Algorand", "ALGO", "algorand", ambiguous_ticker=True),
    Coin("Tezos", "XTZ", "tezos"),
    Coin("The Sandbox", "SAND", "the-sandbox", ambiguous_ticker=True),
    Coin("Decentraland", "MANA", "decentraland", ambiguous_ticker=True),
    Coin("Axie Infinity", "AXS", "axie-infinity"),
    Coin("ApeCoin", "APE", "apecoin", ambiguous_ticker=True),
    Coin("Harmony", "ONE", "harmony", ("Harmony ONE",), ambiguous_name=True, ambiguous_ticker=True),
    Coin("NeoGas", "GAS", "neogas", ambiguous_ticker=True),
    Coin("Neo", "NEO", "neo", ambiguous_name=True, ambiguous_ticker=True),
    Coin("Cronos", "CRO", "cronos", ambiguous_ticker=True),
    Coin("Pepe", "PEPE", "pepe", ambiguous_name=True),
    Coin("Curve DAO", "CRV", "curve", ("Curve Finance",)),
    Coin("Lido DAO", "LDO", "lido", ("Lido Finance",)),
    Coin("Dai", "DAI", "dai", ambiguous_name=True, ambiguous_ticker=True),
    Coin("Synthetix", "SNX", "synthetix"),
    Coin("EOS", "EOS", "eos", ambiguous_ticker=True),
    Coin("VeChain", "VET", "vechain", ambiguous_ticker=True),
    Coin("Kaspa", "KAS", "kaspa"),
    Coin("Terra", "LUNA", "terra", ("Terra Luna",), ambiguous_name=True),
    Coin("Fantom", "FTM", "fantom"),
    Coin("The Graph", "GRT", "the-graph"),
    Coin("yearn.finance", "YFI", "yearn-finance", ("Yearn Finance",)),
    Coin("IOTA", "MIOTA", "iota", ambiguous_name=True),
    Coin("BitTorrent", "BTT", "bittorrent"),
    Coin("Dash", "DASH", "dash", ambiguous_name=True, ambiguous_ticker=True),
    Coin("Zilliqa", "ZIL", "zilliqa"),
    Coin("Kusama", "KSM", "kusama"),
    Coin("Theta", "THETA", "theta", ambiguous_name=True, ambiguous_ticker=True),
    Coin("Gala", "GALA", "gala", ambiguous_name=True, ambiguous_ticker=True),
    Coin("Enjin Coin", "ENJ", "enjin", ("Enjin",)),
    Coin("Loopring", "LRC", "loopring"),
    Coin("Quant", "QNT", "quant", ambiguous_name=True),
    Coin("Stacks", "STX", "stacks", ambiguous_name=True),
    Coin("Flow", "FLOW", "flow", ambiguous_name=True, ambiguous_ticker=True),
    Coin("MultiversX", "EGLD", "multiversx", ("Elrond",)),
    Coin("Kadena", "KDA", "kadena"),
    Coin("Celo", "CELO", "celo"),
    Coin("Floki", "FLOKI", "floki", ("Floki Inu",)),
    Coin("Immutable", "IMX", "immutable", ("Immutable X",), ambiguous_name=True),
    Coin("Render", "RENDER", "render", ("RNDR",), ambiguous_name=True, ambiguous_ticker=True),
    Coin("Injective", "INJ", "injective"),
    Coin("Sei", "SEI", "sei", ambiguous_name=True, ambiguous_ticker=True),
    Coin("Celestia", "TIA", "celestia", ambiguous_ticker=True),
    Coin("Bonk", "BONK", "bonk", ambiguous_name=True, ambiguous_ticker=True),
    Coin("dogwifhat", "WIF", "dogwifhat", ambiguous_ticker=True),
    Coin("Worldcoin", "WLD", "worldcoin"),
    Coin("Ondo", "ONDO", "ondo", ambiguous_name=True),
    Coin("Jupiter", "JUP", "jupiter", ambiguous_name=True, ambiguous_ticker=True),
    Coin("Hyperliquid", "HYPE", "hyperliquid", ambiguous_ticker=True),
    Coin("OMG Network", "OMG", "omg-network", ambiguous_ticker=True),
    Coin("Olympus", "OHM", "olympus", ambiguous_name=True),
    Coin("SushiSwap", "SUSHI", "sushiswap", ambiguous_ticker=True),
    Coin("Ethereum Name Service", "ENS", "ens", ambiguous_ticker=True),
)

CONTEXT_WORDS = re.compile(
    r"\b(crypto\w*|token\w*|coin\w*|blockchain\w*|altcoin\w*|defi|nfts?|web3|stablecoin\w*|"
    r"wallet\w*|exchange\w*|staking|mainnet|airdrop\w*|on-?chain|dex|ledger|mining|miners?|"
    r"protocol|layer[- ]?[12]|price|rall(?:y|ies|ied)|surg\w+|bullish|bearish|traders?|"
    r"market cap\w*|memecoin\w*|satoshis?)\b",
    re.IGNORECASE,
)


@dataclass
class CoinMention:
    coin: Coin
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Patterns:
    names: re.Pattern
    dollar: re.Pattern
    tickers: re.Pattern
    by_name: dict[str, Coin]
    by_ticker: dict[str, Coin]
    order: dict[str, int]


@cache
def _patterns() -> _Patterns:
    """Compile one pattern per rule for the whole registry (three searches a text, not three
    a coin). Longer names win: "Bitcoin Cash" is Bitcoin Cash, not Bitcoin."""
    by_name: dict[str, Coin] = {}
    by_ticker: dict[str, Coin] = {}
    for coin in COINS:
        by_ticker.setdefault(coin.ticker, coin)
        # A coin named by its ticker (EOS, BNB) is found by the ticker rules alone.
        for name in {coin.name, *coin.aliases} - {coin.ticker}:
            by_name.setdefault(name.casefold(), coin)
    names = sorted(by_name, key=len, reverse=True)
    tickers = sorted(by_ticker, key=len, reverse=True)
    return _Patterns(
        names=re.compile(
            r"(?<![\w$])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])",
            re.IGNORECASE,
        ),
        dollar=re.compile(r"(?<![\w$])\$([A-Za-z]{2,6})\b"),
        tickers=re.compile(
            r"(?<![\w$-])(?:" + "|".join(re.escape(t) for t in tickers) + r")(?![\w-])"
        ),
        by_name=by_name,
        by_ticker=by_ticker,
        order={coin.slug: i for i, coin in enumerate(COINS)},
    )


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 12 and sum(c.isupper() for c in letters) / len(letters) > 0.6


def find_coins(text: str) -> list[CoinMention]:
    """Return the coins `text` really mentions, each with the rules that fired."""
    patterns = _patterns()
    mentions: dict[str, CoinMention] = {}
    sure: set[str] = set()
    needs_context: set[str] = set()

    def note(coin: Coin, reason: str) -> CoinMention:
        mention = mentions.setdefault(coin.slug, CoinMention(coin))
        if reason not in mention.reasons:
            mention.reasons.append(reason)
        return mention

    for match in patterns.dollar.finditer(text):
        coin = patterns.by_ticker.get(match.group(1).upper())
        if coin is not None:
            note(coin, f"ticker ${coin.ticker}")
            sure.add(coin.slug)
    for match in patterns.names.finditer(text):
        coin = patterns.by_name[match.group(0).casefold()]
        note(coin, f"name “{match.group(0)}”")
        (needs_context if coin.ambiguous_name else sure).add(coin.slug)
    shouting = None
    for match in patterns.tickers.finditer(text):
        coin = patterns.by_ticker[match.group(0)]
        if coin.slug in sure:
            continue
        note(coin, f"ticker {coin.ticker} in capitals")
        if shouting is None:
            shouting = _shouting(text)
        (needs_context if coin.ambiguous_ticker or shouting else sure).add(coin.slug)
    needs_context -= sure
    if needs_context:
        context = CONTEXT_WORDS.search(text)
        if context or sure:
            why = f"with context “{context.group(0)}”" if context else "beside another coin"
            for slug in needs_context:
                mentions[slug].reasons.append(why)
            sure |= needs_context
    return sorted((mentions[slug] for slug in sure), key=lambda m: patterns.order[m.coin.slug])
