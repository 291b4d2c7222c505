"""What an import did, counted per kind of row, for the command's summary."""

from collections import Counter
from dataclasses import dataclass, field

from .records import Skipped


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, created: bool, changed: bool = True) -> None:
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1

    def __str__(self):
        text = f"{self.created} created, {self.updated} updated"
        return f"{text}, {self.unchanged} unchanged" if self.unchanged else text


@dataclass
class Report:
    posts: Tally = field(default_factory=Tally)
    pages: Tally = field(default_factory=Tally)
    categories: Tally = field(default_factory=Tally)
    tags: Tally = field(default_factory=Tally)
    authors: Tally = field(default_factory=Tally)
    redirects: Tally = field(default_factory=Tally)
    statuses: Counter = field(default_factory=Counter)
    images: Counter = field(default_factory=Counter)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
