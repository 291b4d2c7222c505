"""The article body's rich-text editor: django-prose-editor (ProseMirror), served from our
own static files, with the features our sanitiser keeps.

The editor is a convenience, not a trust boundary: whatever the browser posts is cleaned
by `cryptoflexs.core.html.sanitize_html` when the article is saved. An editor can only
keep markup its schema knows, so a body that uses other tags (an import from WordPress
with `<dl>` or `<time>`) is edited as HTML instead of being silently stripped.
"""

from html.parser import HTMLParser

from django import forms
from django_prose_editor.widgets import AdminProseEditorWidget

from cryptoflexs.core.html import ALLOWED_TAGS

EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Underline": True,
    "Subscript": True,
    "Superscript": True,
    "Code": True,
    "CodeBlock": True,
    # h1 is the article's title.
    "Heading": {"levels": [2, 3, 4, 5, 6]},
    "HardBreak": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Image": True,
    "Figure": True,
    "Caption": True,
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    # The "HTML" button: edit the source of the body in a dialog.
    "HTML": True,
}

# Tags the editor's schema keeps (b, i and del become strong, em and s: the same meaning).
EDITOR_TAGS = {
    "p", "br", "strong", "b", "em", "i", "s", "del", "u", "sub", "sup", "code", "pre",
    "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr", "a", "img",
    "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
if not EDITOR_TAGS <= ALLOWED_TAGS:  # the sanitiser would strip what the editor makes
    raise ImportError(f"editor tags not allowed by the sanitiser: {EDITOR_TAGS - ALLOWED_TAGS}")


class _TagCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)


def markup_the_editor_would_lose(html: str) -> list[str]:
    """Return the tags of `html` that the editor cannot keep, sorted."""
    collector = _TagCollector()
    collector.feed(html or "")
    collector.close()
    return sorted(collector.tags - EDITOR_TAGS)


def body_widget(html: str) -> forms.Widget:
    """Return the rich-text editor, or a plain HTML textarea when it would lose markup."""
    if markup_the_editor_would_lose(html):
        return forms.Textarea(attrs={"rows": 24, "class": "vLargeTextField"})
    return AdminProseEditorWidget(config={"extensions": EXTENSIONS}, preset="configurable")
