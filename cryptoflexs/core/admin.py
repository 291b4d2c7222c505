from django.contrib import admin

from .models import MenuLink, Page, SiteSettings


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "show_in_footer", "footer_order", "updated_at"]
    list_editable = ["show_in_footer", "footer_order"]
    list_filter = ["show_in_footer"]
    search_fields = ["title", "slug", "body_html"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(MenuLink)
class MenuLinkAdmin(admin.ModelAdmin):
    list_display = ["label", "url", "menu_order"]
    list_editable = ["menu_order"]
    search_fields = ["label", "url"]
