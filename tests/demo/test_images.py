"""The demo pictures keep their texts where every thumbnail crop shows them (#16, item 3)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from cryptoflexs.demo import content, images

SITE_CSS = Path(settings.BASE_DIR) / "static" / "css" / "site.css"


def _specs():
    found = {}
    for item in content.generate_articles():
        spec = item.image
        # One of each motif, category (its label) and symbol length is enough.
        found.setdefault((spec.motif, spec.label, len(spec.symbol)), spec)
    return list(found.values())


@pytest.mark.parametrize("aspect", images.CROP_ASPECTS)
def test_every_text_lies_inside_the_centre_crop_of_each_thumbnail_shape(aspect):
    left, top, right, bottom = images.centre_crop(aspect)
    specs = _specs()
    assert {spec.motif for spec in specs} == set(images.MOTIFS)
    for spec in specs:
        texts = images.text_boxes(spec)
        assert {"wordmark", "label"} <= set(texts)
        for name, text in texts.items():
            x0, y0, x1, y1 = text.box
            assert left <= x0 < x1 <= right, (spec.label, spec.symbol, name, text.box, aspect)
            assert top <= y0 < y1 <= bottom, (spec.label, spec.symbol, name, text.box, aspect)


def test_texts_do_not_overlap():
    for spec in _specs():
        boxes = sorted(t.box for name, t in images.text_boxes(spec).items() if name != "symbol")
        for (_, _, _, y1), (_, next_top, _, _) in zip(
            sorted(boxes, key=lambda b: b[1]), sorted(boxes, key=lambda b: b[1])[1:], strict=False
        ):
            assert y1 <= next_top, (spec.label, boxes)


def test_the_crop_shapes_are_the_stylesheets():
    """CROP_ASPECTS names the shapes site.css crops featured images to."""
    css = SITE_CSS.read_text()
    assert ".card__image { width: 100%; aspect-ratio: 16 / 9; object-fit: cover;" in css
    mini = re.search(
        r"\.mini-item__image \{ width: (\d+)px; height: (\d+)px; object-fit: cover", css
    )
    assert mini, "the sidebar thumbnail's size"
    shapes = {round(a, 3) for a in images.CROP_ASPECTS}
    assert round(16 / 9, 3) in shapes
    assert round(int(mini[1]) / int(mini[2]), 3) in shapes
    # The phone's row thumbnail: 7.5rem wide, as tall as its card (at least 5.5rem).
    assert "flex: 0 0 7.5rem" in css
    assert "min-height: 5.5rem" in css
    assert min(shapes) <= 0.8
    assert max(shapes) >= 2.0  # the large Top Insight card beside its text
