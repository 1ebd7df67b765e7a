"""The text of an uploaded or given file, whatever encoding a lab's tools wrote it in.

UTF-8 (with or without a BOM) is read as is; a UTF-16 or UTF-32 file is known by its BOM; anything
else (GBK/GB18030 from Chinese labs' tools, Windows code pages) is told by charset-normalizer. A file
that is no text at all is refused with the line and column where it stops being UTF-8.
"""

import codecs

from charset_normalizer import from_bytes

from portal.imports import ImportFailed

BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


def decode(data: bytes) -> tuple[str, str]:
    """(text, the encoding it was read in); raises ImportFailed naming where the bytes stop making sense."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        first_error = error
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        text = str(best)
        if "\x00" not in text:
            return text, best.encoding
    start = first_error.start
    line = data.count(b"\n", 0, start) + 1
    column = start - (data.rfind(b"\n", 0, start) + 1) + 1
    raise ImportFailed(
        [(f"line {line}, column {column}", "the file is not text in an encoding this portal can tell (UTF-8 "
          "is best); save it as UTF-8 and try again")]
    )  # fmt: skip
