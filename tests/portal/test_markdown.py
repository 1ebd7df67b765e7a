import pytest

from portal.markdown import render_markdown
from tests.people.factories import PersonFactory


def test_markdown_renders_what_lab_members_write():
    html = render_markdown(
        "## Results\n\n**4×** faster, see [the code](https://github.com/x/y).\n\n- one\n- two"
    )
    assert "<h2>Results</h2>" in html
    assert "<strong>4×</strong>" in html
    assert '<a href="https://github.com/x/y" rel="noopener noreferrer">the code</a>' in html
    assert "<li>one</li>" in html


@pytest.mark.parametrize(
    "source, forbidden",
    [
        ("<script>alert(1)</script>", "<script"),
        ("[x](javascript:alert(1))", "javascript:"),
        ('<img src="x" onerror="alert(1)">', "onerror"),
        ("<iframe src='https://evil.example'></iframe>", "<iframe"),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "data:"),
        ("<style>body{display:none}</style>", "<style"),
    ],
)
def test_markdown_never_lets_script_through(source, forbidden):
    assert forbidden not in render_markdown(source)


@pytest.mark.django_db
def test_markdown_is_rendered_on_save_in_both_languages():
    person = PersonFactory(bio_en="Works on *PIM*.", bio_zh_hans="研究**存算一体**。<script>x</script>")
    assert person.bio_html_en == "<p>Works on <em>PIM</em>.</p>"
    assert person.bio_html_zh_hans.startswith("<p>研究<strong>存算一体</strong>。")
    assert "<script" not in person.bio_html_zh_hans
