from django.contrib import admin, messages

from .models import LoginLockout
from .throttle import lockouts_release


@admin.register(LoginLockout)
class LoginLockoutAdmin(admin.ModelAdmin):
    list_display = ["__str__", "failures", "address", "locked_at", "locked_until", "state"]
    list_filter = ["kind", "locked_at"]
    search_fields = ["value", "address"]
    actions = ["unlock"]
    readonly_fields = [f.name for f in LoginLockout._meta.fields]

    @admin.display(description="state")
    def state(self, obj):
        if obj.unlocked_at:
            return f"unlocked by {obj.unlocked_by or 'an administrator'}"
        return "locked" if obj.is_active else "expired"

    @admin.action(description="Unlock selected accounts and addresses", permissions=["change"])
    def unlock(self, request, queryset):
        count = lockouts_release(lockouts=list(queryset), by=request.user)
        self.message_user(request, f"{count} lockout(s) lifted.", messages.SUCCESS)

    def has_add_permission(self, request):
        return False
