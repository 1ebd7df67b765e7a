"""On a 360 px phone: the header folds into a menu, the publication list comes before its filters
(folded behind one control, the active ones shown as removable chips)."""

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_publication_list_shows_its_first_entry_on_the_first_screen(page, screenshots, language):
    page.set_viewport_size(PHONE)
    page.goto(f"/{language}/publications/")
    first = page.locator(".entry").first.bounding_box()
    assert first is not None and first["y"] < PHONE["height"] - 60, first
    assert page.locator("details.filter-panel").get_attribute("open") is None
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    page.screenshot(path=screenshots / f"publications-{language}-360-first-screen.png")
    assert page.errors == []


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_header_folds_into_a_menu(page, screenshots, language):
    page.set_viewport_size(PHONE)
    page.goto(f"/{language}/")
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 90, header  # one row: the name, the menu button, the scheme and language
    assert page.locator("#site-search-q").is_hidden()
    toggle = page.locator("button.menu-toggle")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and page.locator("#site-search-q").is_visible()
    page.screenshot(path=screenshots / f"home-{language}-360-menu-open.png")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.locator("button.menu-toggle").is_hidden() and page.locator("#site-search-q").is_visible()
    assert page.errors == []


def test_filters_in_use_are_chips_that_remove_themselves(page, screenshots):
    page.set_viewport_size(PHONE)
    page.goto("/en/publications/?year=2024&kind=conference")
    chips = page.locator(".chips a")
    assert chips.count() == 2
    assert "Year: 2024" in chips.first.inner_text() and "Conference paper" in chips.nth(1).inner_text()
    page.screenshot(path=screenshots / "publications-en-360-chips.png")
    chips.first.click()
    page.wait_for_url("**/publications/?kind=conference")
    assert page.locator(".chips a").count() == 1
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/en/publications/")
    assert page.locator("details.filter-panel").get_attribute("open") is not None  # wide: open
    assert page.errors == []


def test_a_persons_year_chart_keeps_legible_labels(page):
    page.set_viewport_size(PHONE)
    page.goto("/en/people/li-jiang/")
    label = page.locator("figure.chart text.year").first.bounding_box()
    assert label["height"] >= 9, label  # a chart squeezed to the phone's width drew them 5 px tall
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    assert page.errors == []


def test_the_lab_figures_fit_a_phone_every_year_in_sight_and_headers_whole(page, screenshots):
    """The chart was cut at 2022, the newest years in a hidden sideways scroll; table headers broke a
    letter a line ("CCF-/A", "论/文")."""
    for language in ("en", "zh-hans"):
        page.set_viewport_size(PHONE)
        page.goto(f"/{language}/lab/figures/")
        chart = page.locator("figure.chart.stacked")
        svg = chart.locator("svg").bounding_box()
        assert svg["x"] >= 0 and svg["x"] + svg["width"] <= PHONE["width"], svg
        assert chart.evaluate("figure => figure.scrollWidth - figure.clientWidth") <= 1
        years = chart.locator("text.year")
        assert years.last.bounding_box()["x"] + years.last.bounding_box()["width"] <= PHONE["width"]
        assert years.first.bounding_box()["height"] >= 9
        for header in page.locator("table.data thead th:not(.wraps)").all():
            lines = header.evaluate(
                "th => { const range = document.createRange(); range.selectNodeContents(th);"
                " return new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top))).size; }"
            )
            assert lines == 1, header.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
        page.screenshot(path=screenshots / f"lab-figures-{language}-360.png", full_page=True)
    assert page.errors == []
