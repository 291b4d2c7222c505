"""The newsletter pages, and pages carrying the new metadata (JSON-LD, OpenGraph,
rel=prev/next), pass the W3C Nu HTML checker."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone

from cryptoflexs.newsletter import services
from cryptoflexs.newsletter.models import Subscriber
from tests import factories

VNU_JAR = Path(__file__).resolve().parents[2] / "node_modules/vnu-jar/build/dist/vnu.jar"


def test_pages_pass_the_nu_html_checker(client, newsroom, settings, tmp_path):
    if not VNU_JAR.is_file() or shutil.which("java") is None:
        pytest.fail("the W3C Nu HTML checker needs `make test` (npm ci) and Java", pytrace=False)
    settings.ARTICLES_PER_PAGE = 1
    subscriber = Subscriber.objects.create(email="r@example.org", confirmed_at=timezone.now())
    confirm = services.confirmation_token(
        email="r@example.org", frequency="weekly", category_ids=[]
    )
    unsubscribe = services.unsubscribe_token(subscriber)
    factories.article("Pwn </script><!-- x", category=newsroom["crypto"])
    pages = {
        "article": (newsroom["lead"].get_absolute_url(), "get", 200),
        "category-page-2": ("/category/crypto/?page=2", "get", 200),
        "signup": ("/newsletter/", "get", 200),
        "signup-errors": ("/newsletter/", "post", 400),
        "check-inbox": ("/newsletter/check-your-inbox/", "get", 200),
        "confirm": (f"/newsletter/confirm/{confirm}/", "get", 200),
        "confirmed": (f"/newsletter/confirm/{confirm}/", "post", 200),
        "invalid": ("/newsletter/confirm/forged/", "get", 400),
        "unsubscribe": (f"/newsletter/unsubscribe/{unsubscribe}/", "get", 200),
        "unsubscribed": (f"/newsletter/unsubscribe/{unsubscribe}/", "post", 200),
    }
    for name, (path, method, status) in pages.items():
        data = {"email": "nope"} if name == "signup-errors" else {}
        response = getattr(client, method)(path, data)
        assert response.status_code == status, path
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--no-langdetect", "--format", "json",
         "--stdout", str(tmp_path)],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    messages = json.loads(result.stdout)["messages"]
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]}: {m['message']}" for m in messages]
    assert not errors, "\n".join(errors)
