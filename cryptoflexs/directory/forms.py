from django import forms

from cryptoflexs.core.antispam import AntiSpamForm
from cryptoflexs.core.html import strip_control_chars

from .models import Listing

DESCRIPTION_MAX = 3000


class ListingForm(AntiSpamForm, forms.ModelForm):
    website = forms.URLField(
        max_length=300,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )
    link_fields = ("description", "name", "coins")

    class Meta:
        model = Listing
        fields = ["name", "kind", "website", "description", "coins", "submitter_name",
                  "submitter_email"]  # fmt: skip
        labels = {
            "name": "Name",
            "kind": "Type",
            "website": "Website",
            "submitter_name": "Your name",
            "submitter_email": "Your e-mail",
        }
        help_texts = {
            "description": "What it is and who it is for, in plain text.",
            "submitter_email": "For the editors' questions; never published.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8, "maxlength": DESCRIPTION_MAX}),
            "submitter_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "submitter_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submitter_name"].required = True
        self.fields["submitter_email"].required = True

    def _clean_fields(self):
        super()._clean_fields()
        for name, value in list(self.cleaned_data.items()):
            if isinstance(value, str):
                self.cleaned_data[name] = strip_control_chars(value).strip()

    def clean_description(self):
        text = self.cleaned_data["description"]
        if len(text) > DESCRIPTION_MAX:
            raise forms.ValidationError(
                f"Please keep it under {DESCRIPTION_MAX} characters (it has {len(text)})."
            )
        return text
