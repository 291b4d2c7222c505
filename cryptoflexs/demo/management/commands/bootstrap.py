import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from cryptoflexs.articles.models import Article

CREDENTIALS_FILENAME = "initial-admin-password"


class Command(BaseCommand):
    help = (
        "Prepare a fresh installation: load the demo content when there are no articles and "
        "create an administrator when there is none. Safe to run every time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-demo", action="store_true", help="Never load demo content.")

    def handle(self, *args, **options):
        if not options["no_demo"] and not Article.objects.exists():
            self.stdout.write("No articles yet: loading the demo content …")
            call_command("load_demo")
        if not options["no_demo"]:
            call_command("load_demo_prices")
        self.ensure_admin()

    def ensure_admin(self):
        user_model = get_user_model()
        password_path = settings.VAR_DIR / CREDENTIALS_FILENAME
        if user_model.objects.filter(is_superuser=True).exists():
            where = f" (the first password is in {password_path})" if password_path.exists() else ""
            self.stdout.write(f"Back office: {settings.SITE_URL}/admin/{where}")
            return
        username = settings.INITIAL_ADMIN_USERNAME
        password = settings.INITIAL_ADMIN_PASSWORD or secrets.token_urlsafe(12)
        user_model.objects.create_superuser(username=username, email="", password=password)
        if not settings.INITIAL_ADMIN_PASSWORD:
            settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
            password_path.touch(mode=0o600)
            password_path.write_text(password + "\n")
        self.stdout.write(
            self.style.SUCCESS(
                "Created an administrator.\n"
                f"  Log in at {settings.SITE_URL}/admin/\n"
                f"  username: {username}\n"
                f"  password: {password}\n"
                f"  (also saved in {password_path}; change it after the first login)"
                if not settings.INITIAL_ADMIN_PASSWORD
                else f"Created the administrator '{username}' with INITIAL_ADMIN_PASSWORD."
            )
        )
