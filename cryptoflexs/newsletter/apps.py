from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "cryptoflexs.newsletter"
