"""The review tests share one small lab: a member with a published paper, an editor, a lab admin."""

from tests.accounts.test_review_history import lab  # noqa: F401 (the fixture, for every module here)
