"""Categories, tags and authors of an import, by name: read once, created on first use."""

from django.utils.text import slugify

from ..models import Author, Category, Tag
from .lines import LineError


def _unique_slug(name: str, taken: set, fallback: str, max_length: int = 100) -> str:
    base = slugify(name)[: max_length - 8].strip("-") or fallback
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    taken.add(slug)
    return slug


class Catalogue:
    """Categories, tags and authors by name: read once, created on first use."""

    def __init__(self, category_parent: tuple[str, ...]):
        self.category_parent = category_parent
        self.categories = list(Category.objects.all())
        self.by_path: dict[tuple[str, ...], Category] = {}
        self.tags, self.tag_slugs = {}, set()
        for tag in Tag.objects.order_by("-pk"):
            self.tags[tag.slug] = self.tags[tag.name.casefold()] = tag
            self.tag_slugs.add(tag.slug)
        self.tag_by_name: dict[str, Tag] = {}
        self.authors, self.author_slugs = {}, set()
        for author in Author.objects.order_by("-pk"):
            self.authors[author.name.casefold()] = author
            self.author_slugs.add(author.slug)

    def category(self, names: tuple[str, ...]) -> Category:
        if names not in self.by_path:
            if len(names) == 1 and self.category_parent:
                self.by_path[names] = self.category(self.category_parent + names)
            else:
                self.by_path[names] = self._find_or_create(names)
        return self.by_path[names]

    def _find_or_create(self, names: tuple[str, ...]) -> Category:
        keys = [(name.casefold(), slugify(name)) for name in names]
        if len(names) == 1:
            folded, slug = keys[0]
            found = [c for c in self.categories if c.name.casefold() == folded or c.slug == slug]
            if len(found) > 1:
                paths = ", ".join(sorted(c.path for c in found))
                raise LineError(f"category {names[0]!r} is ambiguous ({paths}): give a path")
            if found:
                return found[0]
        parent = None
        for name, (folded, slug) in zip(names, keys, strict=True):
            siblings = [c for c in self.categories if c.parent_id == getattr(parent, "pk", None)]
            node = next(
                (c for c in siblings if c.name.casefold() == folded or c.slug == slug), None
            )
            if node is None:
                slug = _unique_slug(name, {c.slug for c in siblings}, "category")
                if parent and len(parent.path) + len(slug) >= 500:
                    raise LineError(f"category path {'/'.join(names)!r} is too long")
                node = Category(name=name, slug=slug, parent=parent)
                node.save()
                self.categories.append(node)
            parent = node
        return parent

    def tag(self, name: str) -> Tag:
        if name not in self.tag_by_name:
            tag = self.tags.get(slugify(name)) or self.tags.get(name.casefold())
            if tag is None:
                tag = Tag.objects.create(name=name, slug=_unique_slug(name, self.tag_slugs, "tag"))
                self.tags.setdefault(tag.slug, tag)
                self.tags.setdefault(name.casefold(), tag)
            self.tag_by_name[name] = tag
        return self.tag_by_name[name]

    def author(self, name: str) -> Author:
        key = name.casefold()
        if key not in self.authors:
            slug = _unique_slug(name, self.author_slugs, "author")
            self.authors[key] = Author.objects.create(name=name, slug=slug)
        return self.authors[key]
