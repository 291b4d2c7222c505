"""Community pages in Debian's Chromium: a reader posts a comment (with and without
JavaScript), a closed article shows no form, and every community page passes the W3C Nu
HTML checker and axe-core."""

import json
import subprocess

import pytest
from playwright.sync_api import expect

from cryptoflexs.comments.models import Comment
from cryptoflexs.directory.models import Listing
from tests.comments.helpers import form_data

from .conftest import PHONE, PageProblems
from .test_validators import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def community(site, settings):
    """The e2e site plus approved comments (one reply) and directory listings."""
    settings.ANTISPAM_MIN_FILL_SECONDS = 0  # the browser fills the form at machine speed
    article = site.journey
    first = Comment.objects.create(
        article=article, name="Dana Whitlock", email="dana@example.com",
        body="Clear explanation, thanks.\n\nMore at https://ethereum.example/pectra",
        status=Comment.Status.APPROVED,
    )  # fmt: skip
    Comment.objects.create(
        article=article, parent=first, name="Lena Hoffmann", email="lena@example.com",
        body="Thank you, Dana!", status=Comment.Status.APPROVED,
    )  # fmt: skip
    listings = [
        Listing.objects.create(
            name=name, slug=slug, kind=kind, website=f"https://{slug}.example",
            description=f"{name} in a few words.", coins="BTC, ETH",
            status=Listing.Status.APPROVED,
        )
        for name, slug, kind in (
            ("Ethereum Wallet Co", "ethereum-wallet-co", "wallet"),
            ("Major Exchange", "major-exchange", "exchange"),
        )
    ]  # fmt: skip
    closed = site.articles[1]
    closed.comments_open = False
    closed.save()
    return {"article": article, "closed": closed, "listing": listings[0], "comment": first}


def test_reader_posts_a_comment_and_sees_awaiting_moderation(community, live_server, new_context):
    page = new_context().new_page()
    problems = PageProblems(page)
    article = community["article"]
    page.goto(live_server.url + article.get_absolute_url())
    expect(page.get_by_role("heading", name="Add A Comment")).to_be_visible()
    expect(page.locator(f"#comment-{community['comment'].pk}")).to_contain_text("Dana Whitlock")
    link = page.locator(f"#comment-{community['comment'].pk} a[rel='nofollow ugc']")
    expect(link).to_have_attribute("href", "https://ethereum.example/pectra")
    page.get_by_role("link", name="Write a comment").click()
    page.locator("form.comment-form").get_by_label("Name").fill("Browser Reader")
    page.locator("form.comment-form").get_by_label("E-mail").fill("browser@example.com")
    page.locator("form.comment-form").get_by_role("textbox", name="Comment").fill(
        "Posted from <Chromium> & friends."
    )
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status").filter(has_text="awaiting moderation")).to_be_visible()
    comment = Comment.objects.get(email="browser@example.com")
    assert comment.status == Comment.Status.PENDING
    assert comment.body == "Posted from <Chromium> & friends."
    page.get_by_role("link", name="Back to").click()
    expect(page.get_by_role("heading", name="2 Comments")).to_be_visible()
    expect(page.get_by_text("Posted from <Chromium>")).to_have_count(0)  # not yet public
    problems.assert_none()


def test_commenting_works_without_javascript_and_errors_keep_values(
    community, live_server, new_context
):
    page = new_context(java_script_enabled=False).new_page()
    article = community["article"]
    page.goto(live_server.url + article.get_absolute_url())
    page.get_by_role("link", name="Write a comment").click()
    page.locator("form.comment-form").get_by_label("Name").fill("No Script")
    page.locator("form.comment-form").get_by_label("E-mail").fill("not-an-address")
    page.locator("form.comment-form").get_by_role("textbox", name="Comment").fill("Keep this text")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a valid email address.")
    expect(page.locator("form.comment-form").get_by_role("textbox", name="Comment")).to_have_value(
        "Keep this text"
    )
    page.locator("form.comment-form").get_by_label("E-mail").fill("noscript@example.com")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("awaiting moderation")).to_be_visible()
    assert Comment.objects.filter(email="noscript@example.com").exists()


def test_reply_link_opens_the_reply_form(community, live_server, new_context):
    page = new_context().new_page()
    page.goto(live_server.url + community["article"].get_absolute_url())
    page.get_by_role("link", name="Reply to Dana Whitlock").click()
    expect(page.get_by_role("heading", name="Reply to Dana Whitlock")).to_be_visible()
    page.locator("form.comment-form").get_by_label("Name").fill("Replier")
    page.locator("form.comment-form").get_by_label("E-mail").fill("replier@example.com")
    page.locator("form.comment-form").get_by_role("textbox", name="Comment").fill("Agreed.")
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("awaiting moderation")).to_be_visible()
    assert Comment.objects.get(email="replier@example.com").parent == community["comment"]


def test_closed_article_shows_comments_are_closed_and_no_form(community, live_server, new_context):
    page = new_context().new_page()
    page.goto(live_server.url + community["closed"].get_absolute_url())
    expect(page.get_by_text("Comments are closed.")).to_be_visible()
    expect(page.locator("form.comment-form")).to_have_count(0)
    expect(page.get_by_role("heading", name="Add A Comment")).to_have_count(0)
    expect(page.get_by_role("link", name="Write a comment")).to_have_count(0)


def community_pages(community) -> dict[str, tuple[str, int]]:
    return {
        "article-with-comments": (community["article"].get_absolute_url(), 200),
        "article-closed": (community["closed"].get_absolute_url(), 200),
        "comment-form": (f"/comments/{community['article'].pk}/", 200),
        "comment-posted": (f"/comments/{community['article'].pk}/posted/", 200),
        "comment-reply": (
            f"/comments/{community['article'].pk}/?reply={community['comment'].pk}",
            200,
        ),
        "submit": ("/submit/", 200),
        "submit-thanks": ("/submit/thanks/", 200),
        "contact": ("/contact/", 200),
        "directory": ("/directory/", 200),
        "directory-wallets": ("/directory/?type=wallet&q=wallet", 200),
        "directory-detail": (community["listing"].get_absolute_url(), 200),
        "directory-submit": ("/directory/submit/", 200),
    }


def test_community_pages_pass_the_nu_html_checker(community, client, vnu_jar, tmp_path):
    for name, (path, status) in community_pages(community).items():
        response = client.get(path)
        assert response.status_code == status, path
        (tmp_path / f"{name}.html").write_bytes(response.content)
    # Forms re-rendered with errors, and the rate-limit page.
    bad = form_data(title="", contact_email="x", body="Kept")
    (tmp_path / "submit-errors.html").write_bytes(client.post("/submit/", bad).content)
    bad_comment = form_data(name="", email="x", body="Kept", homepage="bot")
    article_id = community["article"].pk
    response = client.post(f"/comments/{article_id}/", bad_comment)
    assert response.status_code == 400
    (tmp_path / "comment-errors.html").write_bytes(response.content)
    closed = client.post(f"/comments/{community['closed'].pk}/", form_data(name="a"))
    assert closed.status_code == 403
    (tmp_path / "comment-closed.html").write_bytes(closed.content)

    result = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--errors-only", "--no-langdetect", "--format", "json",
         "--stdout", str(tmp_path)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.stdout, f"the checker printed nothing (exit {result.returncode}): {result.stderr}"
    messages = json.loads(result.stdout)["messages"]
    errors = [
        f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
    ]
    assert not errors, "Nu HTML checker errors:\n" + "\n".join(errors)


def test_community_pages_have_no_axe_violations(community, live_server, new_context, axe_js):
    page = new_context(bypass_csp=True).new_page()
    problems = PageProblems(page)
    found = {}
    for name, (path, status) in community_pages(community).items():
        url = live_server.url + path
        problems.expect(url, status)
        assert page.goto(url).status == status, path
        found[name] = axe_violations(page, axe_js)
    # A form with errors (the summary and the marked fields).
    page.goto(live_server.url + "/contact/")
    page.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("alert")).to_be_visible()
    found["contact-errors"] = axe_violations(page, axe_js)
    phone = new_context(bypass_csp=True, viewport=PHONE, is_mobile=True).new_page()
    for name in ("article-with-comments", "directory", "submit"):
        phone.goto(live_server.url + community_pages(community)[name][0])
        found[f"{name}-phone"] = axe_violations(phone, axe_js)
    report = [f"{name}: {v}" for name, violations in found.items() for v in violations]
    assert not report, "axe-core WCAG violations:\n" + "\n".join(report)
