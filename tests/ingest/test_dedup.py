"""Near-duplicate stories: an entry joins the story whose centroid its title is most like."""

import itertools

from cryptoflexs.ingest.dedup import Candidate, NearDuplicateIndex, Thresholds, words

HOUR = 3600.0


def cluster(headlines: list[tuple[str, str]], thresholds: Thresholds | None = None) -> list[int]:
    """Feed (outlet, title) pairs through the index as the store does; return each story."""
    index = NearDuplicateIndex(thresholds)
    stories = itertools.count(1)
    probes = []
    for i, (outlet, title) in enumerate(headlines):
        probe = Candidate(i, None, hash(outlet), i * 60.0, frozenset(words(title)), frozenset())
        match = index.match(probe)
        if match is not None:
            if match.story_id is None:
                match.story_id = next(stories)
            probe.story_id = match.story_id
        index.add(probe)
        probes.append(probe)
    return [p.story_id or -i - 1 for i, p in enumerate(probes)]


# Background: unrelated crypto headlines, so that "bitcoin" and "price" are common words.
FIRST = "Zentra confirms overnight attack on its hot wallet, auditors and police called in"
BACKGROUND = [
    ("bg1", "Bitcoin price slips below $60,000 as traders take profit"),
    ("bg2", "Ethereum developers set a date for the next network upgrade"),
    ("bg3", "Solana validators vote on fee changes"),
    ("bg4", "Bitcoin miners sell more coins as hash price falls"),
    ("bg5", "NFT sales volume drops for a third month"),
    ("bg6", "Bitcoin ETF inflows slow as price stalls"),
]


class StoryClusteringTests:
    def test_differently_worded_reports_join_one_story(self):
        story = [
            ("a", "Exchange Zentra halts withdrawals after $40 million hack"),
            ("b", "Zentra exchange suspends withdrawals following hack"),
            ("c", "Zentra halts withdrawals after hack drains hot wallet"),
            ("d", "Zentra hot wallet hack: exchange suspends withdrawals"),
        ]
        found = cluster(BACKGROUND + story)
        assert len(set(found[len(BACKGROUND) :])) == 1
        # No background headline joined it, and they stay apart from each other.
        assert len(set(found)) == len(BACKGROUND) + 1

    def test_common_words_alone_do_not_merge_stories(self):
        found = cluster(
            [
                *BACKGROUND,
                ("x", "Bitcoin price jumps as traders cheer jobs data"),
                ("y", "Bitcoin price drops after Fed minutes"),
            ]
        )
        assert len(set(found)) == len(found)

    def test_same_outlet_alone_is_not_also_reported_by(self):
        found = cluster(
            [
                ("a", "Zentra exchange halts withdrawals after hack"),
                ("a", "Zentra exchange halts withdrawals after hack, update"),
            ]
        )
        assert found[0] != found[1]

    def test_a_story_outside_the_window_is_not_joined(self):
        index = NearDuplicateIndex(Thresholds(window_hours=1))
        title = frozenset(words("Zentra exchange halts withdrawals after hack"))
        index.add(Candidate(1, None, 1, 0.0, title, frozenset()))
        assert index.match(Candidate(2, None, 2, 0.5 * HOUR, title, frozenset())) is not None
        assert index.match(Candidate(3, None, 2, 2 * HOUR, title, frozenset())) is None

    def test_a_lone_entry_given_a_story_moves_into_it(self):
        # The store gives a lone entry the story of the one that joined it; the index then
        # counts both as one story (a third report finds the story, not two singletons).
        found = cluster(
            [
                ("a", "Zentra exchange halts withdrawals after hack"),
                ("b", "Zentra halts withdrawals following a hack"),
                ("c", "Zentra withdrawals halted after hack"),
            ]
        )
        assert found[0] == found[1] == found[2] > 0

    def test_a_weaker_title_match_joins_when_the_texts_agree(self):
        # The titles share "Zentra", "hot" and "wallet", not quite enough on their own.
        index = NearDuplicateIndex()
        for i, (outlet, title) in enumerate(BACKGROUND):
            index.add(
                Candidate(100 + i, None, hash(outlet), 0.0, frozenset(words(title)), frozenset())
            )
        text = words(
            "Zentra said on Tuesday that attackers moved funds out of its hot wallet overnight; "
            "customer balances in cold storage are untouched and deposits stay open while "
            "auditors review the breach with the police and an outside security firm."
        )
        first = Candidate(1, None, 1, 0.0, frozenset(words(FIRST)), frozenset(text))
        index.add(first)
        title = frozenset(words("Zentra hot wallet drained, says funds are safe"))
        without_text = Candidate(2, None, 2, 60.0, title, frozenset())
        assert index.match(without_text) is None
        with_text = Candidate(3, None, 2, 60.0, title, frozenset(text[:-3]))
        assert index.match(with_text) is first
