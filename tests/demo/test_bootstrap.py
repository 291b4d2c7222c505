"""`manage.py bootstrap`: a fresh installation gets the demo and one administrator, once."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

from cryptoflexs.articles.models import Article


def run_bootstrap(*args) -> str:
    out = io.StringIO()
    call_command("bootstrap", *args, stdout=out)
    return out.getvalue()


def test_fresh_install_gets_demo_and_an_administrator(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.INITIAL_ADMIN_PASSWORD = ""
    output = run_bootstrap()
    assert "loading the demo content" in output
    # The 150 generated articles; the back office's work and the sources' entries besides.
    assert Article.objects.published().filter(source_name="").count() == 150
    admin = get_user_model().objects.get(is_superuser=True)
    password = (tmp_path / "initial-admin-password").read_text().strip()
    assert admin.check_password(password)
    assert f"password: {password}" in output
    # Again: nothing new, and the password file is pointed to rather than printed.
    output = run_bootstrap()
    assert "loading" not in output
    assert password not in output
    assert str(tmp_path / "initial-admin-password") in output
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_no_demo_and_a_chosen_password(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.INITIAL_ADMIN_PASSWORD = "a-chosen-one"
    output = run_bootstrap("--no-demo")
    assert not Article.objects.exists()
    assert get_user_model().objects.get(is_superuser=True).check_password("a-chosen-one")
    assert "INITIAL_ADMIN_PASSWORD" in output
    assert not (tmp_path / "initial-admin-password").exists()
