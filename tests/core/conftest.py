from tests.comments.helpers import smtp_server  # noqa: F401 - fixture
from tests.faults import collected_static, redis_process, serve_env  # noqa: F401 - fixtures
