"""Reading what a reader typed: words, "quoted phrases", -exclusions and prefix* terms.

The parser never fails: anything that is not a word is dropped, so backends receive only
runs of word characters and can quote them safely (raw input breaks FTS syntax: `don't`,
`c++`, `NEAR(`, a lone `"`). Its limits keep every query cheap whatever its length.
"""

import re
import unicodedata
from dataclasses import dataclass, replace

from cryptoflexs.core.html import strip_control_chars

MAX_QUERY_CHARS = 200  # what is kept of the query at all (the search box says the same)
MAX_CLAUSES = 16  # words or phrases (a pasted headline fits)
MAX_PHRASE_WORDS = 8
MAX_WORD_CHARS = 40
# `bitco*`: shorter prefixes would expand to a large part of the vocabulary.
MIN_PREFIX_CHARS = 3

_WORD = re.compile(r"[^\W_]+")  # letters and digits; FTS5 splits words at "_"
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Clause:
    """A word or a phrase (several words in a row); `prefix` makes its last word a prefix."""

    words: tuple[str, ...]
    prefix: bool = False

    @property
    def is_word(self) -> bool:
        return len(self.words) == 1

    def __str__(self) -> str:
        text = " ".join(self.words)
        if len(self.words) > 1:
            return f'"{text}"'
        return text + ("*" if self.prefix else "")


@dataclass(frozen=True)
class ParsedQuery:
    required: tuple[Clause, ...] = ()
    excluded: tuple[Clause, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.required)

    def __str__(self) -> str:
        parts = [str(c) for c in self.required] + [f"-{c}" for c in self.excluded]
        return " ".join(parts)

    def with_last_prefix(self, min_chars: int = 2) -> "ParsedQuery":
        """Return the query with its last word taken as a prefix (search as you type)."""
        if not self.required:
            return self
        last = self.required[-1]
        if last.prefix or len(last.words[-1]) < min_chars:
            return self
        return replace(self, required=(*self.required[:-1], replace(last, prefix=True)))

    def words(self) -> list[str]:
        return [word for clause in self.required for word in clause.words]


def clean_query(text: str) -> str:
    """Return the query as kept and shown: control characters removed, spaces collapsed,
    at most MAX_QUERY_CHARS characters."""
    text = unicodedata.normalize("NFKC", strip_control_chars(text or "").replace("\x00", ""))
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def _words(text: str) -> tuple[str, ...]:
    return tuple(w[:MAX_WORD_CHARS].casefold() for w in _WORD.findall(text))[:MAX_PHRASE_WORDS]


def parse_query(text: str) -> ParsedQuery:
    """Parse a reader's query (see the module docstring); unknown syntax becomes words."""
    required: list[Clause] = []
    excluded: list[Clause] = []
    for negated, phrase, token in _TOKEN.findall(clean_query(text)):
        if len(required) + len(excluded) >= MAX_CLAUSES:
            break
        prefix = False
        if token:
            negated = "-" if token.startswith("-") and len(token) > 1 else ""
            prefix = token.endswith("*")
            words = _words(token)
        else:
            words = _words(phrase)
        if not words:
            continue
        # A prefix applies to a single word of at least MIN_PREFIX_CHARS characters.
        prefix = prefix and len(words) == 1 and len(words[0]) >= MIN_PREFIX_CHARS
        clause = Clause(words=words, prefix=prefix)
        target = excluded if negated else required
        if clause not in target:
            target.append(clause)
    return ParsedQuery(required=tuple(required), excluded=tuple(excluded))
