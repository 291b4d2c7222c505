"""The same-story decision (clustering/): one event joins, whatever the words; the same
coin, or the same company, with nothing else pinning one event down, stays apart."""

import itertools

from cryptoflexs.ingest.clustering.features import amounts, features, names
from cryptoflexs.ingest.clustering.index import Entry, StoryIndex, Thresholds
from cryptoflexs.ingest.clustering.prior import seed_prior

HOUR = 3600.0
# Other news of the same days, so that "bitcoin", "price" and "exchange" are common words.
BACKGROUND = [
    ("bg1", "Bitcoin price slips below $60,000 as traders take profit",
     "Bitcoin fell 3% on Monday as short-term holders sold into the weekend rally."),
    ("bg2", "Ethereum developers set a date for the next network upgrade",
     "Core developers agreed on a mainnet date after the upgrade ran on two test networks."),
    ("bg3", "Solana validators vote on fee changes",
     "A governance proposal would send more of the priority fees to the validators."),
    ("bg4", "Bitcoin miners sell more coins as hashprice falls",
     "Public miners sent more BTC to exchanges as revenue per terahash dropped."),
    ("bg5", "NFT sales volume drops for a third month",
     "Marketplaces recorded the weakest month of trading since 2020."),
    ("bg6", "Spot bitcoin ETF inflows slow as price stalls",
     "The US funds took in $40 million on Friday, the smallest figure in two weeks."),
]  # fmt: skip


BACKGROUND_TEXTS = [(title, text) for _, title, text in BACKGROUND] * 4


def cluster(items, hours_apart: float = 0.5, thresholds: Thresholds | None = None):
    """Feed (outlet, title, text) through a StoryIndex in order, as the store does; return
    each item's story (a distinct negative number for a story of its own)."""
    index = StoryIndex(thresholds, prior=seed_prior())
    stories = itertools.count(1)
    probes = []
    for n, (outlet, title, text) in enumerate(items):
        probe = Entry(n, None, hash(outlet), n * hours_apart * HOUR, features(title, text))
        found = index.match(probe)
        if found is not None:
            match, _ = found
            if match.story_id is None:
                index.set_story(match.entry_id, next(stories))
            probe.story_id = match.story_id
        index.add(probe)
        probes.append(probe)
    return [p.story_id or -n - 1 for n, p in enumerate(probes)]


def joined(items, **kwargs) -> bool:
    found = cluster(BACKGROUND + items, **kwargs)[len(BACKGROUND) :]
    return len(set(found)) == 1


class FeatureTests:
    def test_amounts_are_normalised(self):
        found = amounts("Hackers took $88.6M, or 1,367 BTC, up 20% on the $70 million first seen")
        assert {"usd:8.86e+07", "qty:bitcoin:1367", "pct:20", "usd:7e+07"} <= found
        assert amounts("In 2026 the 3 firms met") == set()  # a year, a small number

    def test_names_are_capitalised_words_not_coins_or_sentence_starts(self):
        found = names(
            "Veltra halts withdrawals", "The exchange said Monday that Dana Ruiz of Kestrel Labs "
            "traced the Bitcoin moved by the attacker."
        )  # fmt: skip
        assert {"dana", "ruiz", "kestrel", "labs"} <= found
        assert "bitcoin" not in found
        assert "exchange" not in found

    def test_a_release_number_is_an_amount_only_the_same_release_agrees_with(self):
        from cryptoflexs.ingest.clustering.evidence import agree, parse_amount

        assert "ver:3.2.1" in amounts("Ledger ships node 3.2.1 after the flood")
        same, next_one = parse_amount("ver:3.2.1"), parse_amount("ver:3.2.2")
        assert agree(same, same)
        assert not agree(same, next_one)

    def test_stored_features_keep_the_denial_mark(self):
        f = features("Ivo Brandt rejects report of a Norrland sale", "")
        assert f.reaction
        stored = type(f).from_stored(" ".join(f.title), " ".join(f.body), f.as_text())
        assert stored.reaction
        assert stored.amounts == f.amounts

    def test_a_count_of_coins_is_not_a_top_n_list(self):
        assert features("Treasury Sale by Norrland Totals 1,638 Coins").kind == ""
        assert features("7 Best Altcoins to Buy This Week").kind == "list"

    def test_a_stock_move_is_a_market_story(self):
        assert features("Norrland (NRL) stock rises as its chairman sells bitcoin").kind
        assert features("Bitcoin gains adoption in Kenya").kind == ""

    def test_sale_amounts_converted_at_different_prices_agree(self):
        from cryptoflexs.ingest.clustering.evidence import agree, parse_amount

        assert agree(parse_amount("usd:1.02e+08"), parse_amount("usd:1.05e+08"))
        assert not agree(parse_amount("usd:7e+07"), parse_amount("usd:8.8e+07"))
        assert not agree(parse_amount("pct:96.88"), parse_amount("pct:99"))

    def test_months_in_a_title_case_headline_are_not_names(self):
        f = features("Four Years of Red: Why XRP Has a Bull Chance This August", "")
        assert "august" not in f.capitals

    def test_prediction_kinds(self):
        assert features("Analyst Reveals Level that Could Send XRP to $1.30").kind
        assert features("Will XRP Buck Its Bearish August Streak?").kind
        assert features("We Asked ChatGPT Where Solana Will Trade in May").kind
        assert not features("XRP ETFs buck the trend with inflows").kind


class SameStoryTests:
    def test_one_event_in_different_words_joins(self):
        assert joined(
            [
                ("a", "Hackers drain $41 million from Veltra exchange hot wallet",
                 "Attackers moved $41 million in ether and USDT out of Veltra's hot wallet "
                 "early on Tuesday, the exchange said, adding that cold storage was untouched."),
                ("b", "Veltra halts withdrawals after $41M exploit",
                 "The exchange Veltra suspended all withdrawals on Tuesday after an exploit "
                 "of its hot wallet cost about $41M, according to a statement."),
                ("c", "Exchange suspends withdrawals: what we know about the Veltra breach",
                 "Veltra paused withdrawals after $41 million left its hot wallet; the firm "
                 "says customer funds in cold storage are safe."),
            ]
        )  # fmt: skip

    def test_same_coin_different_events_stay_apart(self):
        found = cluster(
            BACKGROUND
            + [
                ("a", "Shiba Inu price prediction: will October ignite a SHIB breakout?",
                 "SHIB trades near key support; analysts watch the $0.000012 level for a "
                 "move higher as burn rates rise."),
                ("b", "Which altcoin is being called the new Shiba Inu at the start of Q4",
                 "Traders are looking for the next meme coin to follow Shiba Inu's path, and "
                 "one new token keeps coming up."),
                ("c", "Shiba Inu team burns 500 million SHIB in a single day",
                 "The Shiba Inu burn tracker recorded the largest daily burn this year."),
            ]
        )  # fmt: skip
        assert len(set(found)) == len(found)

    def test_same_company_different_events_stay_apart(self):
        found = cluster(
            BACKGROUND
            + [
                ("a", "Veltra hack losses estimated at $41 million",
                 "Researchers at Kestrel Labs put the losses of the Veltra hot wallet at "
                 "$41 million after tracing the attacker's addresses."),
                ("b", "Veltra hack losses climb to $65 million as a second wave hits",
                 "A second wave of withdrawals from Veltra wallets pushed the estimated losses "
                 "to $65 million, Kestrel Labs said on Wednesday."),
            ]
        )  # fmt: skip
        assert len(set(found)) == len(found)

    def test_a_price_prediction_needs_more_than_a_shared_coin_and_analyst(self):
        found = cluster(
            BACKGROUND
            + [
                ("a", "XRP price prediction: analyst Dana Ruiz sees $3 by December",
                 "The analyst expects XRP to break resistance at $2.40 and run toward $3."),
                ("b", "XRP price analysis: bulls defend $2.10 support, says Dana Ruiz",
                 "XRP bounced off support as the analyst warned a breakdown could follow."),
            ]
        )  # fmt: skip
        assert len(set(found)) == len(found)

    def test_two_outlets_asking_a_chatbot_are_two_stories(self):
        assert not joined(
            [
                ("a", "We Asked ChatGPT Where XRP Will Trade On August 31",
                 "We put a direct question to ChatGPT about XRP at the end of the month; "
                 "the chatbot weighed the ETF flows and Ripple's unlock."),
                ("b", "ChatGPT forecasts XRP at $1.40 by August 31, with a wide range",
                 "ChatGPT projects XRP at $1.40 for August 31 within a $0.90 to $2.10 range, "
                 "citing Ripple's unlock and the ETF flows."),
            ]
        )  # fmt: skip

    def test_a_denial_is_not_the_report_it_denies(self):
        assert not joined(
            [
                ("a", "Norrland Capital plans to sell $2 billion of bitcoin",
                 "Norrland Capital will sell up to $2 billion of its bitcoin over the next "
                 "year, chairman Ivo Brandt told shareholders, according to a filing."),
                ("b", "Ivo Brandt rejects report of a Norrland Capital bitcoin sale",
                 "Norrland Capital chairman Ivo Brandt said the report of a $2 billion sale "
                 "misread the filing and that the firm keeps buying bitcoin."),
            ]
        )  # fmt: skip

    def test_two_shared_figures_and_an_actor_join_different_words(self):
        assert joined(
            [
                ("a", "Kestrel wallet theft balloons as attackers keep draining",
                 "Attackers have now emptied 3,412 Kestrel wallets and hold $61.4 million in "
                 "stolen bitcoin, on-chain sleuths said."),
                ("b", "A new wave has begun at Kestrel, one of the largest wallet hacks yet",
                 "The exploit has reached 3,412 wallets; Kestrel users lost $61.4 million so "
                 "far as the drain continued overnight."),
            ]
        )  # fmt: skip

    def test_shared_names_alone_do_not_lower_the_bar(self):
        # A company, its chairman or a bill are in every story of a busy week: with only
        # such names in common the text must be as alike as the plain bar asks; a shared
        # figure that pins an event lowers it (and so does a name rare in the window).
        from cryptoflexs.ingest.clustering.evidence import Evidence

        index = StoryIndex(prior=seed_prior())
        # A busy week for Norrland: its name is in many entries, so it is no rare name.
        for n, (title, text) in enumerate(BACKGROUND_TEXTS):
            index.add(Entry(n, None, n, 0.0, features(title, f"{text} So says Norrland Capital.")))
        a = features("Norrland Capital tracks the 200-week average", "")
        b = features("Ivo Brandt of Norrland Capital issues a buy signal", "")
        names_only = Evidence(cosine=0.2, coverage=0.3, shared_names=["norrland"], specifics=12.0)
        assert not index.passes(names_only, a, b)
        with_figure = Evidence(
            cosine=0.2,
            coverage=0.3,
            shared_names=["norrland"],
            shared_amounts=["usd:1.05e+08"],
            specifics=24.0,
            amount_specifics=12.0,
        )
        assert index.passes(with_figure, a, b)

    def test_a_market_move_is_not_the_event_it_mentions(self):
        assert not joined(
            [
                ("a", "Kestrel wallet hack losses climb to $114 million",
                 "Losses from the Kestrel wallet exploit rose to $114 million as a fourth "
                 "sweep drained more addresses, researchers said."),
                ("b", "Bitcoin prices rally in spite of $114 million Kestrel hack",
                 "Bitcoin rose 2% to $64,000 on Monday although the Kestrel exploit has "
                 "drained $114 million from wallets."),
            ]
        )  # fmt: skip

    def test_a_daily_digest_is_a_wrap(self):
        assert features("Bitcoin (BTC) News Today: August 3").kind == "wrap"
        assert features("Important Ripple Announcement, New Investments: Aug. 3").kind
        assert features("LIVE: dollar slides after the yen intervention").kind

    def test_an_outlet_alone_is_not_also_reported_by(self):
        found = cluster(
            [
                ("a", "Veltra halts withdrawals after $41M exploit", "Veltra lost $41M."),
                ("a", "Veltra halts withdrawals after $41M exploit, update", "Veltra lost $41M."),
            ]
        )
        assert found[0] != found[1]

    def test_the_time_window_and_its_decay(self):
        story = [
            ("a", "Veltra halts withdrawals after $41M exploit",
             "The exchange Veltra suspended withdrawals after losing $41M in an exploit."),
            ("b", "Veltra suspends withdrawals following $41 million hack",
             "Veltra stopped withdrawals after hackers took $41 million from a hot wallet."),
        ]  # fmt: skip
        assert joined(story, hours_apart=3)
        assert not joined(story, hours_apart=80)  # outside the 72 h window
        # Within the window a day later needs more than a few hours later does.
        strict = Thresholds(decay=10.0)
        assert joined(story, hours_apart=3, thresholds=strict)
        assert not joined(story, hours_apart=30, thresholds=strict)
