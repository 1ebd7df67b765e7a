"""Who sees drafts: asked by the core and by every content app, decided by the roles.

The core knows no role. `accounts` tells it its rule when the apps are ready (AccountsConfig.ready);
until then, and in a project without it, nobody sees a draft.
"""

from collections.abc import Callable
from typing import Any

_rule: Callable[[Any], bool] = lambda user: False  # noqa: E731


def decide_drafts_by(rule: Callable[[Any], bool]) -> None:
    """Install the rule that says whether a user (or request.user) is shown drafts."""
    global _rule
    _rule = rule


def sees_drafts(user: Any) -> bool:
    """Drafts are shown to this user on the site and in the API (visitors: never)."""
    return _rule(user)


def audience(user: Any) -> str:
    """What a cache key says of who a page or answer was made for: "staff" (drafts shown) or "public"."""
    return "staff" if sees_drafts(user) else "public"
