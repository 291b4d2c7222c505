"""The article editor in Debian's Chromium: the rich-text editor loads from our own static
files, an image is uploaded and inserted from its picker, and the draft saves."""

import io

import pytest
from django.test import Client
from PIL import Image
from playwright.sync_api import expect

from cryptoflexs.articles.models import Article
from cryptoflexs.editorial.models import MediaImage
from tests import factories
from tests.conftest import make_user

from .conftest import PageProblems

pytestmark = pytest.mark.browser


def logged_in_page(new_context, live_server, user, **options):
    """A page whose browser holds a back-office session of `user`."""
    client = Client()
    client.force_login(user)
    context = new_context(**options)
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return context.new_page()


def png(tmp_path, size=(1000, 600)):
    path = tmp_path / "halving-chart.png"
    out = io.BytesIO()
    Image.linear_gradient("L").resize(size).convert("RGB").save(out, "PNG")
    path.write_bytes(out.getvalue())
    return path


def test_editor_writes_inserts_an_uploaded_image_and_saves_a_draft(
    transactional_db, live_server, new_context, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    editor = make_user("edwina", superuser=True)
    category = factories.category("Bitcoin")
    page = logged_in_page(new_context, live_server, editor)
    problems = PageProblems(page)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_server.url + "/admin/articles/article/add/")

    page.locator("#id_title").fill("Halving week, in charts")
    editable = page.locator(".prose-editor .ProseMirror[contenteditable=true]")
    expect(editable).to_be_visible()
    editable.click()
    page.keyboard.type("Miners had a busy week.")
    page.keyboard.press("Enter")

    page.get_by_role("button", name="Insert image").click()
    dialog = page.get_by_role("dialog", name="Insert image")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Upload a new image").set_input_files(png(tmp_path))
    dialog.get_by_role("button", name="Insert image").click()
    expect(dialog.get_by_role("alert")).to_contain_text("Write the alt text first")
    dialog.get_by_label("Alt text").fill("Hashrate over the halving week")
    dialog.get_by_role("button", name="Insert image").click()
    expect(dialog).to_be_hidden()
    inserted = editable.locator("img")
    expect(inserted).to_have_attribute("alt", "Hashrate over the halving week")

    page.locator("#id_category").select_option(str(category.pk))
    page.get_by_role("button", name="Save", exact=True).first.click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    article = Article.objects.get(title="Halving week, in charts")
    media = MediaImage.objects.get()
    assert article.status == Article.Status.DRAFT
    assert "<p>Miners had a busy week.</p>" in article.body_html
    src = media.copy_for(1200)[0]
    assert f'src="{src}"' in article.body_html
    assert 'alt="Hashrate over the halving week"' in article.body_html
    assert media.alt == "Hashrate over the halving week"

    # Everything came from the site itself (the editor is served locally).
    foreign = [url for url in requests if not url.startswith((live_server.url, "data:", "blob:"))]
    assert not foreign, foreign
    problems.assert_none()


def test_picker_inserts_from_the_media_library(
    transactional_db, live_server, new_context, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    from cryptoflexs.editorial.services import media_image_create
    from tests.editorial.test_article_form import image_bytes_file

    editor = make_user("edmund", superuser=True)
    media = media_image_create(
        uploaded_file=image_bytes_file(), filename="desk.jpg", alt="A trading desk", by=editor
    )
    article = factories.article("Desk notes", status=Article.Status.DRAFT, body_html="<p>Hi</p>")
    page = logged_in_page(new_context, live_server, editor)
    problems = PageProblems(page)
    page.goto(live_server.url + f"/admin/articles/article/{article.pk}/change/")
    page.locator(".prose-editor .ProseMirror[contenteditable=true]").click()
    page.get_by_role("button", name="Insert image").click()
    dialog = page.get_by_role("dialog", name="Insert image")
    dialog.get_by_role("button", name="A trading desk").click()
    expect(dialog.get_by_label("Alt text")).to_have_value("A trading desk")
    dialog.get_by_label("Caption (optional)").fill("The desk at 9 a.m.")
    dialog.get_by_role("button", name="Insert image").click()
    figure_img = page.locator(".ProseMirror[contenteditable=true] figure img")
    expect(figure_img).to_have_attribute("alt", "A trading desk")
    page.get_by_role("button", name="Save and continue editing").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    article.refresh_from_db()
    assert media.copy_for(1200)[0] in article.body_html
    assert "<figcaption>The desk at 9 a.m.</figcaption>" in article.body_html
    problems.assert_none()


def test_article_list_fits_1280_px_without_sideways_scrolling(
    transactional_db, live_server, new_context
):
    editor = make_user("edith", superuser=True)
    crypto = factories.category("Crypto")
    bitcoin = factories.category("Bitcoin", parent=crypto)
    for n in range(12):
        factories.article(
            f"Corporate Bitcoin buying continues as company number {n} discloses a $120 "
            "million stake in its quarterly filing",
            category=bitcoin,
            author=factories.author(f"Correspondent Number {n}"),
        )
    page = logged_in_page(new_context, live_server, editor, viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/articles/article/")
    results = page.locator(".results")
    assert results.evaluate("el => el.scrollWidth <= el.clientWidth"), results.evaluate(
        "el => [el.scrollWidth, el.clientWidth]"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    line = page.locator("#result_list .field-title a").first.evaluate(
        "a => parseFloat(getComputedStyle(a).lineHeight)"
    )
    heights = [
        cell.bounding_box()["height"] for cell in page.locator("#result_list .field-title a").all()
    ]
    assert len(heights) == 12
    assert max(heights) <= 3 * line + 1, (heights, line)
    expect(page.locator("td.field-category_label").first).to_have_text("Crypto › Bitcoin")
