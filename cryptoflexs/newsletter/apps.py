from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "cryptoflexs.newsletter"
    verbose_name = "Newsletter"
