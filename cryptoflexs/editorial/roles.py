"""The newsroom's roles, as groups of permissions (created by a data migration)."""

ADMINISTRATOR = "Administrator"
EDITOR = "Editor"
AUTHOR = "Author"
CONTRIBUTOR = "Contributor"

# (app_label, codename) pairs; "*" after a model name means add/change/delete/view.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    EDITOR: [
        "articles.article*",
        "articles.publish_article",
        "articles.submit_article",
        "articles.edit_others_articles",
        "articles.category*",
        "articles.tag*",
        "articles.author*",
        "articles.articleredirect*",
        "core.page*",
        "core.menulink*",
        "editorial.view_articlerevision",
        "editorial.view_articletransition",
        "editorial.mediaimage*",
    ],
    AUTHOR: [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.submit_article",
        "articles.view_category",
        "articles.add_tag",
        "articles.view_tag",
        "articles.view_author",
        "editorial.view_articlerevision",
        "editorial.add_mediaimage",
        "editorial.view_mediaimage",
    ],
    CONTRIBUTOR: [
        "articles.add_article",
        "articles.change_article",
        "articles.view_article",
        "articles.view_category",
        "articles.view_tag",
        "articles.view_author",
        "editorial.add_mediaimage",
        "editorial.view_mediaimage",
    ],
}


def expand(spec: str) -> list[tuple[str, str]]:
    """Turn "app.model*" into the four model permissions, "app.codename" into one."""
    app_label, codename = spec.split(".", 1)
    if codename.endswith("*"):
        model = codename[:-1]
        return [(app_label, f"{action}_{model}") for action in ("add", "change", "delete", "view")]
    return [(app_label, codename)]


def role_permissions(permission_model, role: str) -> list:
    """Return the permissions of `role` that exist (`permission_model`: auth's Permission, or
    its historical model in a migration); those of models not created yet are left out."""
    pairs = [pair for spec in ROLE_PERMISSIONS.get(role, []) for pair in expand(spec)]
    return [
        perm
        for app_label, codename in pairs
        if (
            perm := permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
        )
    ]


def role_group(role: str):
    """Return the group of `role`, made again with its permissions when it is missing (a
    site whose groups were deleted, a flushed test database): migration 0002 made it first."""
    from django.contrib.auth.models import Group, Permission

    group, created = Group.objects.get_or_create(name=role)
    if created:
        group.permissions.set(role_permissions(Permission, role))
    return group
