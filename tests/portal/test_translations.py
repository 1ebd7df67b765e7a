from pathlib import Path

from babel.messages.pofile import read_po

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


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
