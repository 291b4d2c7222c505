from tests.comments.helpers import smtp_server  # noqa: F401 - fixture
from tests.faults import redis_process  # noqa: F401 - fixture
