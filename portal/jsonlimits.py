"""JSON from outside (API bodies, uploaded OpenAlex or Crossref files) read with a bound on nesting.

Python's json module recurses once per level: a body of 100,000 brackets raises RecursionError, and
code walking a parsed value 990 levels deep does too. No record of ours is nested more than a few
levels, so anything deeper than MAX_DEPTH is refused before it is parsed.
"""

import json
import re

MAX_DEPTH = 32
# A JSON string, escapes included; possessive, so an unterminated one costs one pass, not backtracking.
STRING = re.compile(r'"(?:[^"\\]++|\\.)*+"')
NOT_BRACKET = re.compile(r"[^\[\]{}]++")


class TooDeep(ValueError):
    def __init__(self, limit: int):
        super().__init__(f"arrays and objects may not be nested more than {limit} deep")


def check_depth(text: str, limit: int = MAX_DEPTH) -> None:
    """Raise TooDeep when arrays and objects in `text` nest deeper than `limit`.

    Strings are set aside, then innermost pairs of brackets are removed a level at a time: what is
    left after `limit` rounds is nesting deeper than that (or brackets that do not match, which the
    parser then reports as a syntax error).
    """
    brackets = NOT_BRACKET.sub("", STRING.sub("", text))
    for _level in range(limit):
        if not brackets:
            return
        brackets = brackets.replace("[]", "").replace("{}", "")
    if not brackets:
        return
    balanced = all(brackets.count(o) == brackets.count(c) for o, c in ("[]", "{}"))
    if balanced:
        raise TooDeep(limit)


def loads(text: str, limit: int = MAX_DEPTH, **kwargs):
    """json.loads with nesting bounded; raises TooDeep (a ValueError) or json.JSONDecodeError."""
    check_depth(text, limit)
    try:
        return json.loads(text, **kwargs)
    except RecursionError:  # unbalanced brackets deep enough to exhaust the parser's stack
        raise TooDeep(limit) from None
