from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
APPS = ["portal", "accounts", "people", "publications", "achievements", "news", "jobs", "siteimport"]
KEYWORDS = {"_": None, "gettext": None, "gettext_lazy": None, "ngettext": (1, 2), "ngettext_lazy": (1, 2)}


def test_every_interface_string_has_a_chinese_translation():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="zh_Hans")
    untranslated = [
        message.id for message in catalogue if message.id and (not message.string or message.fuzzy)
    ]
    assert untranslated == []


def test_translations_keep_their_placeholders():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="zh_Hans")
    for message in catalogue:
        if not message.id or isinstance(message.id, tuple):
            continue
        for placeholder in ("%(value)s", "%(year)s", "%(number)s", "%(size)d", "%(limit)d", "%d"):
            assert message.id.count(placeholder) == message.string.count(placeholder), message.id


def test_every_string_the_code_marks_for_translation_is_in_the_catalogue():
    """Read with Babel's own extractor, so a string added to the code without a Chinese translation
    fails here, not in front of a Chinese-speaking user (templates are left to `make messages`)."""
    with CATALOGUE.open("rb") as handle:
        known = {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(handle)}
    missing = [
        f"{path.relative_to(ROOT)}:{line} {message!r}"
        for app in APPS
        for path in sorted((ROOT / app).rglob("*.py"))
        if "migrations" not in path.parts
        for line, message, _comments, _context in extract_from_file("python", str(path), keywords=KEYWORDS)
        if (message if isinstance(message, str) else message[0]) not in known
    ]
    assert missing == []
