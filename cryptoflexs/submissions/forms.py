from django import forms

from cryptoflexs.core.antispam import AntiSpamForm
from cryptoflexs.core.html import strip_control_chars

from .models import ContactMessage, Submission

BODY_MAX = 20_000
MESSAGE_MAX = 5_000


class _CleanTextMixin:
    """Strip control characters and surrounding space from every text field."""

    def _clean_fields(self):
        super()._clean_fields()
        for name, value in list(self.cleaned_data.items()):
            if isinstance(value, str):
                self.cleaned_data[name] = strip_control_chars(value).strip()


class SubmissionForm(_CleanTextMixin, AntiSpamForm, forms.ModelForm):
    link = forms.URLField(
        label="Link (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="A page with more information, such as the original announcement.",
    )
    link_fields = ("body", "title", "organisation")

    class Meta:
        model = Submission
        fields = ["kind", "title", "body", "link", "contact_name", "contact_email",
                  "organisation"]  # fmt: skip
        labels = {
            "kind": "What are you sending?",
            "title": "Headline",
            "body": "Your news",
            "link": "Link (optional)",
            "contact_name": "Your name",
            "contact_email": "Your e-mail",
            "organisation": "Company or project (optional)",
        }
        help_texts = {
            "kind": "Paid press releases are published marked “Sponsored”.",
            "body": "Plain text, no attachments: the facts, who is involved, when.",
            "link": "A page with more information, such as the original announcement.",
            "contact_email": "So an editor can ask questions; never published.",
        }
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12, "maxlength": BODY_MAX}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
        }

    def clean_body(self):
        body = self.cleaned_data["body"]
        if len(body) > BODY_MAX:
            raise forms.ValidationError(
                f"Please keep it under {BODY_MAX} characters (it has {len(body)})."
            )
        return body


class ContactForm(_CleanTextMixin, AntiSpamForm, forms.ModelForm):
    link_fields = ("message", "subject")

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "subject", "message"]
        labels = {"name": "Your name", "email": "Your e-mail", "message": "Message"}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 8, "maxlength": MESSAGE_MAX}),
        }

    def clean_message(self):
        message = self.cleaned_data["message"]
        if len(message) > MESSAGE_MAX:
            raise forms.ValidationError(
                f"Please keep it under {MESSAGE_MAX} characters (it has {len(message)})."
            )
        return message
