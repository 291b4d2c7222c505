"""Shared helpers of the search tests: what the results page lists, in order."""

import re

from lxml import html as lxml_html


def result_titles(response) -> list[str]:
    """Return the titles the results page lists, in order (text only, marks removed)."""
    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content)
    links = tree.xpath('//*[contains(concat(" ", @class, " "), " search-result__title ")]/a')
    return [" ".join(a.text_content().split()) for a in links]


def result_count(response) -> int | None:
    match = re.search(r"(\d+) results?<", response.content.decode())
    return int(match.group(1)) if match else None


def search(client, q, **params) -> list[str]:
    return result_titles(client.get("/search/", {"q": q, **params}))
