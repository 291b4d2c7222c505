from django import forms

from cryptoflexs.articles.models import Category

from .models import Subscriber


class SignupForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=Subscriber.Frequency.choices,
        initial=Subscriber.Frequency.WEEKLY,
        widget=forms.RadioSelect,
    )
    categories = forms.ModelMultipleChoiceField(
        label="Topics (none ticked: everything)",
        queryset=Category.objects.filter(parent=None),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
