from django import forms

from cryptoflexs.articles.models import Author, Category, Tag

from .backends import NEWEST, RELEVANCE
from .query import MAX_QUERY_CHARS, clean_query
from .selectors import SearchFilters


class SearchForm(forms.Form):
    """The search page's query, filters and sort; anything invalid is ignored, never an
    error page (a bookmarked search keeps working when a category goes away)."""

    q = forms.CharField(required=False, label="Search articles", max_length=10_000)
    category = forms.ModelChoiceField(
        Category.objects.select_related("parent__parent").order_by("path"),
        required=False,
        to_field_name="path",
        empty_label="All categories",
    )
    author = forms.ModelChoiceField(
        Author.objects.all(), required=False, to_field_name="slug", empty_label="All authors"
    )
    tag = forms.ModelChoiceField(Tag.objects.all(), required=False, to_field_name="slug")
    date_from = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        required=False, label="To", widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(
        choices=[(RELEVANCE, "Relevance"), (NEWEST, "Newest")], required=False, initial=RELEVANCE
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(maxlength=MAX_QUERY_CHARS, type="search")
        # The category tree reads better with its path; the tag is a link's parameter.
        self.fields["category"].label_from_instance = str
        self.fields["tag"].widget = forms.HiddenInput()

    def query(self) -> str:
        return clean_query(self.data.get("q", ""))

    def value(self, name):
        """Return the field's cleaned value, or its default when it was invalid."""
        if name in getattr(self, "cleaned_data", {}):
            return self.cleaned_data[name]
        return None

    def filters(self) -> SearchFilters:
        self.is_valid()
        return SearchFilters(
            category=self.value("category"),
            author=self.value("author"),
            tag=self.value("tag"),
            date_from=self.value("date_from"),
            date_to=self.value("date_to"),
        )
