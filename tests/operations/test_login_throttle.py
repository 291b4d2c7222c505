"""Admin login throttling through the login page and the admin's unlock action."""

import logging

import pytest
from django.contrib.auth.models import User
from django.test import Client

from cryptoflexs.operations.models import LoginLockout

LOGIN = "/admin/login/?next=/admin/"
pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return User.objects.create_user("ed", password="right-horse-battery", is_staff=True)


def attempt(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def logged_in(response) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.client.session


@pytest.fixture
def limits(settings):
    settings.LOGIN_FAILURES_PER_ACCOUNT = 3
    settings.LOGIN_FAILURES_PER_ADDRESS = 5
    settings.LOGIN_LOCKOUT_SECONDS = 600
    return settings


class LoginThrottleTests:
    def test_right_password_is_refused_after_n_failures_until_unlocked(self, staff, limits, caplog):
        client = Client()
        caplog.set_level(logging.WARNING, logger="cryptoflexs.operations.throttle")
        for _ in range(3):
            response = attempt(client, "ed", "wrong")
            assert response.status_code == 200
            assert "Please enter the correct username" in response.text
        assert LoginLockout.objects.active().filter(kind="account", value="ed").exists()
        assert any("admin login locked" in r.getMessage() for r in caplog.records)

        response = attempt(client, "ed", "right-horse-battery")
        assert not logged_in(response)
        assert "Too many failed logins" in response.text
        assert "even with the right password" in response.text
        # Another address, the same account: still locked (the account is).
        response = attempt(Client(REMOTE_ADDR="10.9.9.9"), "ED", "right-horse-battery")
        assert not logged_in(response)

        boss = User.objects.create_superuser("boss", password="boss-pass-123")
        admin_client = Client(REMOTE_ADDR="10.1.1.1")
        admin_client.force_login(boss)
        page = admin_client.get("/admin/operations/loginlockout/")
        assert "Account ed" in page.text
        lockout = LoginLockout.objects.get(value="ed")
        response = admin_client.post(
            "/admin/operations/loginlockout/",
            {"action": "unlock", "_selected_action": [lockout.pk]},
            follow=True,
        )
        assert "1 lockout(s) lifted" in response.text
        assert logged_in(attempt(client, "ed", "right-horse-battery"))
        lockout.refresh_from_db()
        assert lockout.unlocked_by == boss

    def test_lockout_ends_by_itself(self, staff, limits):
        client = Client()
        for _ in range(3):
            attempt(client, "ed", "wrong")
        assert not logged_in(attempt(client, "ed", "right-horse-battery"))
        # The lockout's time runs out (its end moved into the past instead of waiting).
        LoginLockout.objects.update(locked_until="2000-01-01T00:00:00Z")
        assert logged_in(attempt(client, "ed", "right-horse-battery"))

    def test_success_resets_the_account_count(self, staff, limits):
        client = Client()
        attempt(client, "ed", "wrong")
        attempt(client, "ed", "wrong")
        assert logged_in(attempt(client, "ed", "right-horse-battery"))
        client.logout()
        attempt(client, "ed", "wrong")
        attempt(client, "ed", "wrong")
        assert logged_in(attempt(client, "ed", "right-horse-battery"))

    def test_one_address_guessing_many_accounts_is_locked(self, staff, limits):
        client = Client(REMOTE_ADDR="203.0.113.7")
        for n in range(5):
            attempt(client, f"user{n}", "wrong")
        assert LoginLockout.objects.active().filter(kind="address", value="203.0.113.7").exists()
        response = attempt(client, "ed", "right-horse-battery")
        assert not logged_in(response)
        assert "Too many failed logins" in response.text
        # The account itself is not locked: from elsewhere it logs in.
        assert logged_in(attempt(Client(REMOTE_ADDR="198.51.100.1"), "ed", "right-horse-battery"))

    def test_address_comes_from_the_configured_proxy_header(self, staff, limits):
        limits.ANTISPAM_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
        for n in range(5):
            attempt(Client(), f"user{n}", "wrong", HTTP_X_FORWARDED_FOR="spoofed, 192.0.2.44")
        assert LoginLockout.objects.active().filter(kind="address", value="192.0.2.44").exists()
        assert not LoginLockout.objects.filter(value="127.0.0.1").exists()
