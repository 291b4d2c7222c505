from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "cryptoflexs.operations"
    verbose_name = "Operations"

    def ready(self):
        from django.contrib import admin
        from django.contrib.auth.signals import user_logged_in, user_login_failed
        from huey.contrib.djhuey import HUEY

        from . import readychecks, taskmetrics, throttle
        from .forms import ThrottledAdminAuthenticationForm

        readychecks.register_all()
        HUEY.signal()(taskmetrics.count_signal)
        user_login_failed.connect(throttle.on_login_failed, dispatch_uid="ops-login-failed")
        user_logged_in.connect(throttle.on_logged_in, dispatch_uid="ops-logged-in")
        admin.site.login_form = ThrottledAdminAuthenticationForm
