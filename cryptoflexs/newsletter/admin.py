from django.contrib import admin

from .models import DigestDelivery, Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "frequency", "confirmed_at"]
    list_filter = ["frequency"]
    search_fields = ["email"]
    filter_horizontal = ["categories"]
    date_hierarchy = "confirmed_at"


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(admin.ModelAdmin):
    list_display = ["period", "subscriber", "sent_at"]
    list_filter = ["period"]
    search_fields = ["subscriber__email"]
    raw_id_fields = ["subscriber"]
