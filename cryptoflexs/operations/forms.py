import datetime as dt

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.timesince import timeuntil

from cryptoflexs.core.antispam import client_ip

from .throttle import lockout_for


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin login form, refusing locked accounts and addresses before any password
    check (so that a guess during a lockout teaches nothing)."""

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "locked": (
            "Too many failed logins for this account or from your address. Logging in is "
            "locked until %(until)s UTC (in %(wait)s), even with the right password. An "
            "administrator can unlock it sooner under Operations › Login lockouts."
        ),
    }

    def clean(self):
        lockout = lockout_for(username=self.data.get("username"), address=client_ip(self.request))
        if lockout is not None:
            until = lockout.locked_until.astimezone(dt.UTC)
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"until": f"{until:%H:%M}", "wait": timeuntil(lockout.locked_until)},
            )
        return super().clean()
