import pytest

from portal.demo.loader import load_demo


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    """The demo lab, its content version set (on commit) as after a real save."""
    with django_capture_on_commit_callbacks(execute=True):
        load_demo()
