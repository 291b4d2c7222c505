"""Write a demo story from its facts and the sentence templates of `data/templates.jsonl`."""

import html
import random
import re

from . import data

_CHOICE = re.compile(r"\[([^\[\]]*)\]")


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
    pools = data.pools()
    kind, own, shared = data.kinds()[kind_name], pools[kind_name], pools["shared"]
    direction, variant = facts["direction"], rng.choice(variants(own))
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
