from django import forms
from django.conf import settings

from cryptoflexs.core.antispam import AntiSpamForm
from cryptoflexs.core.html import strip_control_chars

from .models import Comment


class CommentForm(AntiSpamForm, forms.ModelForm):
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)

    link_fields = ("body", "name")

    class Meta:
        model = Comment
        fields = ["name", "email", "body"]
        labels = {"name": "Name", "email": "E-mail", "body": "Comment"}
        help_texts = {
            "email": "Required, never shown.",
            "body": "Plain text; web addresses become links.",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "body": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["maxlength"] = settings.COMMENTS_MAX_LENGTH

    def clean_name(self):
        return strip_control_chars(self.cleaned_data["name"]).strip()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_body(self):
        body = strip_control_chars(self.cleaned_data["body"]).strip()
        if len(body) > settings.COMMENTS_MAX_LENGTH:
            raise forms.ValidationError(
                f"Please keep your comment under {settings.COMMENTS_MAX_LENGTH} characters "
                f"(it has {len(body)})."
            )
        return body
