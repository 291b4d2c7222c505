"""Draw the demo pictures with Pillow: featured images (1200×675 JPEG) and author avatars.

Each picture depends only on its spec, so the same spec always gives the same bytes. Shapes
are drawn at twice the size and halved at the end, which smooths their edges cheaply.
"""

import io
import math
import random
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from . import data
from .data import Palette

WIDTH, HEIGHT = 1200, 675
SCALE = 2
JPEG_QUALITY = 82
AVATAR_SIZE = 192

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class ImageSpec:
    motif: str  # a key of MOTIFS
    palette: str  # the category path, whose palette colours the picture
    symbol: str  # drawn on the coin: the ticker, or "$" for stablecoins
    coin: str
    label: str  # the category name
    seed: str
    trend: int = 0  # the chart's slope: 1 rising, -1 falling


UP, DOWN = (34, 197, 94), (239, 68, 68)
WHITE = (255, 255, 255)


@cache
def palette_for(category_path: str) -> Palette:
    return next(spec.palette for spec in data.categories() if spec.path == category_path)


def _rgb(colour: str) -> RGB:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _mix(a: RGB, b: RGB, share: float) -> RGB:
    """Return `a` moved `share` of the way towards `b`."""
    return tuple(round(x + (y - x) * share) for x, y in zip(a, b, strict=True))


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow >= 10.1 ships a scalable default font, so no font file is needed.
    return ImageFont.load_default(size=size)


@cache
def _gradient(palette: Palette) -> Image.Image:
    """Return the diagonal background of a palette (cached: 11 palettes, many articles)."""
    w, h = WIDTH * SCALE, HEIGHT * SCALE
    horizontal = Image.linear_gradient("L").rotate(90).resize((w, h))
    vertical = Image.linear_gradient("L").resize((w, h))
    mask = Image.blend(horizontal, vertical, 0.5)
    mask = mask.point(lambda v: 255 - v)  # start colour at the top left
    start = Image.new("RGB", (w, h), _rgb(palette.start))
    end = Image.new("RGB", (w, h), _rgb(palette.end))
    image = Image.composite(start, end, mask)
    draw = ImageDraw.Draw(image)
    grid = _mix(_rgb(palette.start), WHITE, 0.1)
    for x in range(0, w, 80 * SCALE):
        draw.line([(x, 0), (x, h)], fill=grid, width=SCALE)
    for y in range(0, h, 80 * SCALE):
        draw.line([(0, y), (w, y)], fill=grid, width=SCALE)
    return image


# The shapes a featured image is shown in, width / height: every one is a centre crop of the
# picture (object-fit: cover in static/css/site.css). Cards are 16:9; the sidebar's 72×54
# thumbnail is 4:3; a phone's row thumbnail is 7.5rem wide and as tall as its card, from
# about 4:3 down to 4:5 under a long headline; the large Top Insight card can be wider than
# 16:9 (2:1). Text is drawn only where all of them overlap (#16, item 3).
CROP_ASPECTS = (2.0, 16 / 9, 4 / 3, 1.0, 4 / 5)
SAFE_MARGIN = 14


def centre_crop(aspect: float) -> tuple[float, float, float, float]:
    """Return the box (left, top, right, bottom) of the picture a crop to `aspect` keeps."""
    width, height = min(WIDTH, HEIGHT * aspect), min(HEIGHT, WIDTH / aspect)
    left, top = (WIDTH - width) / 2, (HEIGHT - height) / 2
    return left, top, left + width, top + height


def safe_area() -> tuple[float, float, float, float]:
    """Return the part of the picture every crop of CROP_ASPECTS keeps, less a margin."""
    boxes = [centre_crop(aspect) for aspect in CROP_ASPECTS]
    return (
        max(b[0] for b in boxes) + SAFE_MARGIN,
        max(b[1] for b in boxes) + SAFE_MARGIN,
        min(b[2] for b in boxes) - SAFE_MARGIN,
        min(b[3] for b in boxes) - SAFE_MARGIN,
    )


WORDMARK = "CRYPTO FLEXS"
WORDMARK_SIZE = 22
PILL_SIZE = 30
PILL_PAD = (22, 12)


@dataclass(frozen=True)
class Text:
    text: str
    size: int  # font size at 1×
    anchor: tuple[float, float]  # the text's middle ("mm"), at 1×
    box: tuple[float, float, float, float]  # what it covers (the pill's, for the label)


def text_boxes(spec: ImageSpec) -> dict[str, Text]:
    """Return where the picture's texts go: the wordmark at the top, the category pill at
    the bottom and the chart's pair label, each centred and inside safe_area()."""
    measure = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    top, bottom = safe_area()[1], safe_area()[3]

    def place(text, size, cy, pad=(0, 0), *, top=None, bottom=None):
        x0, y0, x1, y1 = (
            v / SCALE
            for v in measure.textbbox(
                (WIDTH / 2 * SCALE, cy * SCALE), text, font=_font(size * SCALE), anchor="mm"
            )
        )
        box = (x0 - pad[0], y0 - pad[1], x1 + pad[0], y1 + pad[1])
        shift = top - box[1] if top is not None else bottom - box[3] if bottom is not None else 0
        box = (box[0], box[1] + shift, box[2], box[3] + shift)
        return Text(text, size, (WIDTH / 2, cy + shift), box)

    texts = {
        "wordmark": place(WORDMARK, WORDMARK_SIZE, 0, top=top),
        "label": place(spec.label.upper(), PILL_SIZE, 0, PILL_PAD, bottom=bottom),
    }
    if spec.motif == "chart":
        texts["pair"] = place(f"{spec.symbol} / USD", 40, MOTIF_BOXES[True][1] - 36)
    if spec.motif == "coin":  # drawn by _coin, in the middle of its box
        middle = (MOTIF_BOXES[False][1] + MOTIF_BOXES[False][3]) / 2
        texts["symbol"] = place(spec.symbol, coin_symbol_size(spec.symbol), middle)
    return texts


def coin_symbol_size(symbol: str) -> int:
    return 150 if len(symbol) <= 2 else 120 if len(symbol) == 3 else 96


# Where the motif is drawn (left, top, right, bottom at 1×): wide motifs and the others; both
# leave the wordmark above and the category pill below free.
MOTIF_BOXES = {True: (200, 150, 1000, 525), False: (385, 110, 815, 540)}


def render_article_image(spec: ImageSpec) -> bytes:
    """Return the JPEG bytes of a featured image for `spec`."""
    palette = palette_for(spec.palette)
    rng = random.Random(spec.seed)  # noqa: S311 (repeatable pictures, not security)
    image = _gradient(palette).copy()
    draw = ImageDraw.Draw(image)
    s = SCALE
    accent, light = _rgb(palette.accent), _mix(_rgb(palette.end), WHITE, 0.25)

    # Soft decorative circles behind the motif.
    for _ in range(3):
        r = rng.randint(60, 160) * s
        cx, cy = rng.randint(0, WIDTH) * s, rng.randint(0, HEIGHT) * s
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], outline=light, width=3 * s)

    # Centred, because list cards and thumbnails crop the picture around its middle.
    box = MOTIF_BOXES[spec.motif in ("chart", "orderbook", "blocks")]
    MOTIFS[spec.motif](draw, tuple(v * s for v in box), rng, spec, palette)

    texts = text_boxes(spec)
    if "pair" in texts:
        _draw_text(draw, texts["pair"], accent)
    _draw_text(draw, texts["wordmark"], WHITE)
    draw.rounded_rectangle([v * s for v in texts["label"].box], radius=10 * s, fill=accent)
    _draw_text(draw, texts["label"], _rgb(palette.start))

    buffer = io.BytesIO()
    image.reduce(SCALE).save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return buffer.getvalue()


def _draw_text(draw, text: Text, fill) -> None:
    x, y = text.anchor
    draw.text((x * SCALE, y * SCALE), text.text, font=_font(text.size * SCALE), fill=fill,
              anchor="mm")  # fmt: skip


def render_avatar(initials: str, colour: str) -> bytes:
    """Return PNG bytes of a 192×192 round avatar with the initials on `colour`."""
    size = AVATAR_SIZE * SCALE
    fill = _rgb(colour)
    # Transparent pixels carry the disc's colour so the halved edge does not darken.
    image = Image.new("RGBA", (size, size), (*fill, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([0, 0, size - 1, size - 1], fill=(*fill, 255))
    draw.text((size / 2, size / 2), initials, font=_font(80 * SCALE), fill=WHITE, anchor="mm")
    buffer = io.BytesIO()
    image.reduce(SCALE).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


# --- Motifs: each draws inside `box` (left, top, right, bottom) --------------------------


def _coin(draw, box, rng, spec, palette):
    left, top, right, bottom = box
    r = min(right - left, bottom - top) // 2 - 10 * SCALE
    cx, cy = (left + right) // 2, (top + bottom) // 2
    rim, face = _rgb(palette.accent), _mix(_rgb(palette.accent), WHITE, 0.45)
    shadow = _mix(_rgb(palette.start), (0, 0, 0), 0.3)
    draw.ellipse([cx - r + 18 * SCALE, cy - r + 22 * SCALE, cx + r + 18 * SCALE,
                  cy + r + 22 * SCALE], fill=shadow)  # fmt: skip
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=rim)
    inner = r - 26 * SCALE
    draw.ellipse([cx - inner, cy - inner, cx + inner, cy + inner], fill=face)
    for i in range(36):
        angle = i * math.tau / 36
        x1, y1 = cx + math.cos(angle) * (r - 6 * SCALE), cy + math.sin(angle) * (r - 6 * SCALE)
        x2, y2 = cx + math.cos(angle) * (r - 18 * SCALE), cy + math.sin(angle) * (r - 18 * SCALE)
        draw.line([(x1, y1), (x2, y2)], fill=face, width=3 * SCALE)
    size = coin_symbol_size(spec.symbol)
    draw.text((cx, cy), spec.symbol, font=_font(size * SCALE), fill=_rgb(palette.start),
              anchor="mm")  # fmt: skip


def _chart(draw, box, rng, spec, palette):
    left, top, right, bottom = box
    count = rng.randint(14, 20)
    step = (right - left) / count
    # A random walk of (open, high, low, close), then scaled to fill the box.
    candles, value = [], 0.0
    for _ in range(count):
        close = value + rng.gauss(0.45 * spec.trend, 1)
        spread = abs(close - value)
        candles.append(
            (
                value,
                max(value, close) + rng.uniform(0.1, 0.5) * (spread + 0.5),
                min(value, close) - rng.uniform(0.1, 0.5) * (spread + 0.5),
                close,
            )
        )
        value = close
    high = max(c[1] for c in candles)
    low = min(c[2] for c in candles)
    scale = (bottom - top) / (high - low)

    def y(v):
        return bottom - (v - low) * scale

    closes = []
    for i, (open_, top_wick, low_wick, close) in enumerate(candles):
        x = left + i * step + step / 2
        colour = UP if close >= open_ else DOWN
        draw.line([(x, y(top_wick)), (x, y(low_wick))], fill=colour, width=3 * SCALE)
        y0, y1 = sorted((y(open_), y(close)))
        draw.rectangle([x - step * 0.32, y0, x + step * 0.32, max(y1, y0 + 4 * SCALE)],
                       fill=colour)  # fmt: skip
        closes.append((x, y(close)))
    draw.line(closes, fill=_rgb(palette.accent), width=4 * SCALE, joint="curve")


def _blocks(draw, box, rng, spec, palette):
    left, top, right, bottom = box
    size = 110 * SCALE
    count = 4
    gap = ((right - left) - count * size) / (count - 1)
    fill, edge = _mix(_rgb(palette.end), WHITE, 0.35), _rgb(palette.accent)
    centres = []
    for i in range(count):
        x = left + i * (size + gap)
        y = top + rng.randint(40, (bottom - top) // SCALE - 160) * SCALE
        depth = 26 * SCALE
        draw.polygon([(x, y), (x + depth, y - depth), (x + size + depth, y - depth),
                      (x + size, y)], fill=edge)  # fmt: skip
        draw.polygon([(x + size, y), (x + size + depth, y - depth),
                      (x + size + depth, y + size - depth), (x + size, y + size)],
                     fill=_mix(edge, (0, 0, 0), 0.25))  # fmt: skip
        draw.rectangle([x, y, x + size, y + size], fill=fill, outline=edge, width=3 * SCALE)
        for row in range(3):
            ly = y + (28 + row * 26) * SCALE
            draw.line([(x + 20 * SCALE, ly), (x + size - rng.randint(20, 50) * SCALE, ly)],
                      fill=_rgb(palette.start), width=6 * SCALE)  # fmt: skip
        centres.append((x + size / 2, y + size / 2))
    for (x1, y1), (x2, y2) in zip(centres, centres[1:], strict=False):
        draw.line([(x1 + size / 2, y1), (x2 - size / 2, y2)], fill=edge, width=6 * SCALE)


def _nodes(draw, box, rng, spec, palette):
    left, top, right, bottom = box
    points = [(rng.uniform(left, right), rng.uniform(top, bottom)) for _ in range(9)]
    edge, node = _mix(_rgb(palette.accent), WHITE, 0.2), _rgb(palette.accent)
    for x1, y1 in points:
        nearest = sorted(points, key=lambda p: (p[0] - x1) ** 2 + (p[1] - y1) ** 2)[1:3]
        for x2, y2 in nearest:
            draw.line([(x1, y1), (x2, y2)], fill=edge, width=3 * SCALE)
    for i, (x, y) in enumerate(points):
        r = (30 if i == 0 else rng.randint(12, 22)) * SCALE
        draw.ellipse([x - r, y - r, x + r, y + r], fill=node, outline=WHITE, width=3 * SCALE)


def _pixels(draw, box, rng, spec, palette):
    left, top, right, bottom = box
    cells = 8
    size = min(right - left, bottom - top) / cells
    x0 = left + ((right - left) - size * cells) / 2
    colours = [_rgb(palette.accent), _mix(_rgb(palette.end), WHITE, 0.5), _rgb(palette.start),
               (250, 204, 21), (56, 189, 248)]  # fmt: skip
    for row in range(cells):
        for col in range(cells // 2):
            colour = rng.choice(colours) if rng.random() < 0.8 else None
            for c in (col, cells - 1 - col):  # mirrored, like a generative avatar
                if colour:
                    x, y = x0 + c * size, top + row * size
                    draw.rectangle([x + 2, y + 2, x + size - 2, y + size - 2], fill=colour)


def _pillars(draw, box, rng, spec, palette):
    left, top, right, bottom = box
    light, dark = _mix(_rgb(palette.accent), WHITE, 0.3), _rgb(palette.start)
    cx = (left + right) / 2
    roof = top + 110 * SCALE
    draw.polygon([(left + 20 * SCALE, roof), (cx, top + 10 * SCALE), (right - 20 * SCALE, roof)],
                 fill=light)  # fmt: skip
    draw.rectangle([left + 20 * SCALE, roof, right - 20 * SCALE, roof + 24 * SCALE], fill=light)
    columns = 6
    span = (right - left - 120 * SCALE) / (columns - 1)
    for i in range(columns):
        x = left + 60 * SCALE + i * span
        draw.rectangle([x - 18 * SCALE, roof + 40 * SCALE, x + 18 * SCALE, bottom - 50 * SCALE],
                       fill=light, outline=dark, width=2 * SCALE)  # fmt: skip
    draw.rectangle([left, bottom - 50 * SCALE, right, bottom - 20 * SCALE], fill=light)
    draw.rectangle([left - 20 * SCALE, bottom - 20 * SCALE, right + 20 * SCALE, bottom],
                   fill=light)  # fmt: skip


def _shield(draw, box, rng, spec, palette):
    left, top, right, bottom = box
    cx, w = (left + right) / 2, (bottom - top) * 0.42
    outline = [(cx - w, top + 30 * SCALE), (cx, top), (cx + w, top + 30 * SCALE),
               (cx + w, top + (bottom - top) * 0.5), (cx, bottom),
               (cx - w, top + (bottom - top) * 0.5)]  # fmt: skip
    draw.polygon(outline, fill=_rgb(palette.accent))
    cy = top + (bottom - top) * 0.45
    r = 40 * SCALE
    dark = _rgb(palette.start)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=dark)
    draw.polygon([(cx - 20 * SCALE, cy + 20 * SCALE), (cx + 20 * SCALE, cy + 20 * SCALE),
                  (cx + 30 * SCALE, cy + 110 * SCALE), (cx - 30 * SCALE, cy + 110 * SCALE)],
                 fill=dark)  # fmt: skip


def _orderbook(draw, box, rng, spec, palette):
    left, top, right, bottom = box
    rows = 12
    height = (bottom - top) / rows
    middle = (left + right) / 2
    for i in range(rows):
        y = top + i * height
        bids = rng.uniform(0.2, 1.0) * (middle - left)
        asks = rng.uniform(0.2, 1.0) * (right - middle)
        draw.rectangle([middle - bids, y + 4, middle - 4, y + height - 4], fill=UP)
        draw.rectangle([middle + 4, y + 4, middle + asks, y + height - 4], fill=DOWN)
    draw.line([(middle, top - 20 * SCALE), (middle, bottom + 20 * SCALE)], fill=WHITE,
              width=3 * SCALE)  # fmt: skip


def _globe(draw, box, rng, spec, palette):
    left, top, right, bottom = box
    r = min(right - left, bottom - top) / 2 - 10 * SCALE
    cx, cy = (left + right) / 2, (top + bottom) / 2
    line = _rgb(palette.accent)
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=_mix(_rgb(palette.start), WHITE, 0.1),
                 outline=line, width=4 * SCALE)  # fmt: skip
    for share in (0.35, 0.7):
        draw.ellipse([cx - r * share, cy - r, cx + r * share, cy + r], outline=line,
                     width=3 * SCALE)  # fmt: skip
    for share in (-0.5, 0, 0.5):
        half = r * math.sqrt(1 - share**2)
        draw.line([(cx - half, cy + r * share), (cx + half, cy + r * share)], fill=line,
                  width=3 * SCALE)  # fmt: skip
    stops = [(cx + rng.uniform(-0.8, 0.8) * r, cy + rng.uniform(-0.8, 0.8) * r) for _ in range(4)]
    draw.line(stops, fill=(250, 204, 21), width=5 * SCALE, joint="curve")
    for x, y in stops:
        draw.ellipse([x - 12 * SCALE, y - 12 * SCALE, x + 12 * SCALE, y + 12 * SCALE],
                     fill=(250, 204, 21))  # fmt: skip


MOTIFS = {
    "coin": _coin,
    "chart": _chart,
    "blocks": _blocks,
    "nodes": _nodes,
    "pixels": _pixels,
    "pillars": _pillars,
    "shield": _shield,
    "orderbook": _orderbook,
    "globe": _globe,
}
