from tests.comments.helpers import smtp_server  # noqa: F401 - fixture
