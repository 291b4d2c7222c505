import pytest

from tests.processes import child_env, manage


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Static files collected once: servers run with the production (manifest) storage."""
    root = tmp_path_factory.mktemp("static")
    env = {**child_env(root), "STATIC_ROOT": str(root / "static")}
    result = manage(env, "collectstatic", "--noinput", "-v0", timeout=120)
    assert result.returncode == 0, result.stderr
    return root / "static"


@pytest.fixture
def server_env(tmp_path, collected_static):
    """The environment of a server process on this test's database (see tests/processes)."""
    env = child_env(tmp_path)
    env.update(STATIC_ROOT=str(collected_static), LOG_FORMAT="json")
    return env
