"""LaTeX in BibTeX values is decoded a word at a time where that reads the same as the whole value: the
words are checked against pylatexenc decoding whole values, on real-looking values and on random LaTeX."""

import random

import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware

from publications.importers.latex import LatexToUnicode, latex_words

WHOLE = LatexDecodingMiddleware()

# Pieces of LaTeX as bibliographies write it (accents, dashes, quotes, math, font switches, escapes),
# with the awkward ones: macros before a space, arguments after one, alignment, display math.
TOKENS = [
    "a", "Word", "5", "0.3", " ", "  ", "\n", "\t", "{", "}", "\\em ", "\\em", "{\\em x}", "\\o", "{\\o}",
    "\\'", '\\"', '\\"u', '{\\"u}', "\\c{c}", "\\c c", "\\v", "\\i", "\\&", "&", "\\%", "$", "$x$",
    "$\\times$", "\\times", "~", "--", "---", "-", "``", "''", "'", "`", "\\\\", "\\textbf{", "\\textit",
    "\\frac", "\\par", "\\url{", "\\ ", ",", ".", ":", "!`", "?`", "\\ss", "\\aa", "\\L", "\\_", "\\#",
    "\\$", "\\{", "\\}", "^", "_", "\\emph{", "\\mathrm{", "\\LaTeX", "\\TeX{}", "\\,", "\\ldots",
    "\\textsuperscript{", "\\newblock", "\\it", "\\bf", "\\relax", "\\^", "\\~", "\\=", "\\.", "\\u", "\\H",
    "\\k", "\\d", "\\t", "$$", "\\[", "\\]",
]  # fmt: skip


def whole(latex: str) -> tuple[str, str]:
    return WHOLE._transform_python_value_string(latex)


@pytest.mark.parametrize(
    "latex",
    [
        "EKLN: Efficient KV Cache LLM Near-Data: {\\em Part} {\\o}5 5",
        "We study {\\em sparse} dataflows \\& show a 0.3$\\times$ speed-up.",
        "Fran{\\c{c}}ois Lef{\\`e}vre",
        "Dvo{\\v r}{\\'a}k, Anton{\\'\\i}n",
        "\\o 5 and \\textbf{bold} words",
        "Acceptance rate 18\\% --- a ``record''",
        "$O(n \\log n)$ sorting in {DRAM}",
    ],
)
def test_values_read_as_a_whole_would(latex):
    assert LatexToUnicode().decode(latex) == whole(latex)


def test_words_are_cut_only_where_it_is_safe():
    assert latex_words("Near-Data: {\\em Part} {\\o}5 5") == [
        "Near-Data:", " ", "{\\em Part}", " ", "{\\o}5", " ", "5",
    ]  # fmt: skip
    assert latex_words("\\o 5 x") == ["\\o 5", " ", "x"]  # the macro takes what follows the space
    assert latex_words("\\textbf{a} b") == ["\\textbf{a} b"]  # an argument outside braces
    assert latex_words("a & b") is None  # alignment: decoded whole
    assert latex_words("$a b$ c") == ["$a b$", " ", "c"]


def test_random_latex_reads_the_same_word_by_word():
    """Random strings of LaTeX pieces, decoded whole by pylatexenc and word by word: the same text."""
    chance = random.Random(20261204)
    decoder = LatexToUnicode()
    differ = []
    for _ in range(3000):
        latex = "".join(chance.choice(TOKENS) for _ in range(chance.randint(1, 14)))
        if decoder.decode(latex) != whole(latex):
            differ.append(latex)
    assert differ == []
