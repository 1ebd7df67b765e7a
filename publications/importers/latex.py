"""LaTeX in BibTeX fields to Unicode: bibtexparser's decoder, word by word where that is the same, once
per file (decoding whole values is what a large file spends its time on)."""

import re

from bibtexparser.middlewares import (
    LatexDecodingMiddleware,
)

ESCAPED_IN_ADDRESSES = re.compile(r"\\([_%&#~$])")


LATEX_SYNTAX = re.compile(r"[\\$~]|--")


BARE_PERCENT = re.compile(r"(?<!\\)%")


# Fields that hold addresses and identifiers: LaTeX decoding would eat their % and ~.
VERBATIM_FIELDS = {"url", "doi", "eprint", "arxiv", "pdf", "code", "slides", "poster", "video", "website",
                   "html", "file", "isbn", "issn", "pages", "year", "date", "month", "day"}  # fmt: skip


class LatexToUnicode(LatexDecodingMiddleware):
    """bibtexparser's LaTeX decoding (pylatexenc), given only the values that need it: decoding costs
    about a millisecond a value, most values (years, DOIs, titles with only {braces}) hold no LaTeX,
    and a lab's co-authors recur, so names (already separated) are decoded once each. A value is
    decoded a word at a time where that gives the same text (`latex_words`): the words holding LaTeX
    ({\\em Part}, \\&) recur from entry to entry though the values do not, and each is decoded once.
    A bare % is kept as a per cent sign, not read as a comment."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.decoded: dict[str, tuple[str, str]] = {}
        self.words: dict[str, tuple[str, str]] = {}

    def transform_entry(self, entry, library):
        apart = [f for f in entry.fields if f.key.lower() in VERBATIM_FIELDS or isinstance(f.value, list)]
        entry.fields = [field for field in entry.fields if all(field is not other for other in apart)]
        result = super().transform_entry(entry, library)
        for field in apart:
            if isinstance(field.value, list):  # names, from SeparateCoAuthors
                field.value = [self._transform_python_value_string(name)[0] for name in field.value]
            elif isinstance(field.value, str):
                # Only the escapes of characters that addresses hold: DBLP writes 10.1007/…-0\_3.
                field.value = ESCAPED_IN_ADDRESSES.sub(r"\1", field.value)
        entry.fields = entry.fields + apart
        return result

    def _transform_python_value_string(self, python_string: str) -> tuple[str, str]:
        if not LATEX_SYNTAX.search(python_string):
            return python_string.replace("{", "").replace("}", ""), ""
        if python_string not in self.decoded:
            self.decoded[python_string] = self.decode(BARE_PERCENT.sub(r"\\%", python_string))
        return self.decoded[python_string]

    def decode(self, latex: str) -> tuple[str, str]:
        """The text of `latex` and pylatexenc's error, if any (then the value is kept as it was)."""
        parts = latex_words(latex)
        if parts is None:
            return super()._transform_python_value_string(latex)
        text = []
        for index, part in enumerate(parts):
            if index % 2 or not LATEX_IN_WORD.search(part):
                text.append(part)  # the space between words, or a word pylatexenc gives back as it is
                continue
            if part not in self.words:
                self.words[part] = super()._transform_python_value_string(part)
            decoded, error = self.words[part]
            if error:
                return super()._transform_python_value_string(latex)
            text.append(decoded)
        return "".join(text), ""


# Where decoding word by word could read differently from the whole: an alignment &, display math,
# paragraphs and environments, macros whose arguments may follow a space (\frac a b), accents on math.
NOT_BY_WORD = re.compile(
    r"(?<!\\)&|\$\$|\\(?:par|begin|end|frac|dfrac|tfrac|binom|stackrel|overset|underset|textcolor|href)"
    r"(?![a-zA-Z])|\\[][()]|\\$|\\(?:[a-zA-Z]+|[^a-zA-Z\s])\s*\$"
)


LATEX_IN_WORD = re.compile(r"[\\$~{}%&#^_`'!?]|--")


ENDS_WITH_MACRO = re.compile(r"\\(?:[a-zA-Z@]+|.)$")


def latex_words(latex: str) -> list[str] | None:
    """`latex` cut at the spaces between its words, as [word, space, word, …], where decoding each word
    gives the same text as decoding the whole; None where it might not. A cut is made only outside
    braces and math, and not after a macro, which may take what follows the space (\\o 5 is ø5) or
    after an argument of a macro outside braces (\\textbf{a} b). Checked against pylatexenc decoding
    the whole value on random LaTeX (tests/publications/test_bibtex_latex.py)."""
    if NOT_BY_WORD.search(latex):
        return None
    words, start, depth, math, i, end = [], 0, 0, False, 0, len(latex)
    while i < end:
        char = latex[i]
        if char == "\\":
            i += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                return None
        elif char == "$":
            math = not math
        elif char.isspace() and depth == 0 and not math:
            after = i
            while after < end and latex[after].isspace():
                after += 1
            word = latex[start:i]
            if word and not ENDS_WITH_MACRO.search(word) and not (word.endswith("}") and macro_outside(word)):
                words += [word, latex[i:after]]
                start = after
            i = after
            continue
        i += 1
    if depth or math:
        return None
    words.append(latex[start:])
    return words


def macro_outside(word: str) -> bool:
    """Whether `word` has a macro outside braces ({\\em x} has none, \\textbf{x} one)."""
    depth, i = 0, 0
    while i < len(word):
        char = word[i]
        if char == "\\":
            if depth == 0:
                return True
            i += 2
            continue
        depth += (char == "{") - (char == "}")
        i += 1
    return False
