"""WordPress post content as HTML: a port of wpautop() and the [caption] shortcode."""

import re

_BLOCK = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section"
    r"|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
_I = re.IGNORECASE
_PRE = re.compile(r"<pre\b.*?</pre>", _I | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_CAPTION = re.compile(r"\[(?:wp_)?caption\b[^\]]*\](.*?)\[/(?:wp_)?caption\]", _I | re.DOTALL)
_CAPTION_PARTS = re.compile(
    r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)\s*(.*?)\s*$", _I | re.DOTALL
)
_AUTOP_STEPS = [
    (re.compile(r"<br\s*/?>\s*<br\s*/?>", _I), "\n\n"),
    (re.compile(rf"(<{_BLOCK}[\s/>])", _I), r"\n\n\1"),
    (re.compile(rf"(</{_BLOCK}>)", _I), r"\1\n\n"),
    (re.compile(r"<hr\s*/?>", _I), "<hr />\n\n"),
    (re.compile(r"\n\n+"), "\n\n"),
]
_AUTOP_CLEANUP = [
    (re.compile(r"<p>\s*</p>"), ""),
    (re.compile(r"<p>([^<]+)</(div|address|form)>"), r"<p>\1</p></\2>"),
    (re.compile(rf"<p>\s*(</?{_BLOCK}[^>]*>)\s*</p>", _I), r"\1"),
    (re.compile(r"<p>(<li.+?)</p>", _I), r"\1"),
    (re.compile(r"<p><blockquote([^>]*)>", _I), r"<blockquote\1><p>"),
    (re.compile(r"</blockquote></p>", _I), "</p></blockquote>"),
    (re.compile(rf"<p>\s*(</?{_BLOCK}[^>]*>)", _I), r"\1"),
    (re.compile(rf"(</?{_BLOCK}[^>]*>)\s*</p>", _I), r"\1"),
    (re.compile(r"<br\s*/?>", _I), "<br />"),
    (re.compile(r"(?<!<br />)\s*\n"), "<br />\n"),
    (re.compile(rf"(</?{_BLOCK}[^>]*>)\s*<br />", _I), r"\1"),
    (re.compile(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", _I), r"\1"),
    (re.compile(r"\n</p>$"), "</p>"),
]


def wpautop(text: str) -> str:
    """Turn blank-line separated text into paragraphs and single newlines into <br />,
    as WordPress does on display for classic-editor content (a port of its wpautop())."""
    if not text.strip():
        return ""
    pre_blocks: list[str] = []

    def stash(match: re.Match) -> str:
        pre_blocks.append(match.group(0))
        return f'<pre data-wp-pre="{len(pre_blocks) - 1}"></pre>'

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _PRE.sub(stash, text)
    # A newline inside a tag (<a\nhref=…>) is not a line break.
    text = _TAG.sub(lambda m: m.group(0).replace("\n", " "), text + "\n")
    for pattern, replacement in _AUTOP_STEPS:
        text = pattern.sub(replacement, text)
    paragraphs = (chunk.strip("\n") for chunk in re.split(r"\n\s*\n", text) if chunk)
    text = "".join(f"<p>{chunk}</p>\n" for chunk in paragraphs)
    for pattern, replacement in _AUTOP_CLEANUP:
        text = pattern.sub(replacement, text)
    for index, block in enumerate(pre_blocks):
        text = text.replace(f'<pre data-wp-pre="{index}"></pre>', block)
    return text


def _caption_figure(match: re.Match) -> str:
    parts = _CAPTION_PARTS.match(match.group(1))
    if parts is None:
        return match.group(1)
    image, caption = parts.groups()
    caption_html = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"<figure>{image}{caption_html}</figure>"


def content_to_html(content: str) -> str:
    """Return post content as HTML: [caption] shortcodes become <figure>s, and
    classic-editor content gets paragraphs. Block-editor content already has them and
    WordPress skips wpautop() for it; its `<!-- wp:… -->` comments are dropped later by the
    sanitiser."""
    content = content or ""
    # WordPress expands shortcodes after wpautop(): keep the figures out of its way.
    figures = [_caption_figure(m) for m in _CAPTION.finditer(content)]
    placeholders = iter(range(len(figures)))
    content = _CAPTION.sub(
        lambda m: f'<figure data-wp-caption="{next(placeholders)}"></figure>', content
    )
    if "<!-- wp:" not in content:
        content = wpautop(content)
    for index, figure in enumerate(figures):
        content = content.replace(f'<figure data-wp-caption="{index}"></figure>', figure)
    return content
