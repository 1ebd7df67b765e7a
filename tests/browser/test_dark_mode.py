"""Dark mode: the system's preference followed, the header's switch remembered in local storage (no
cookie, so cached pages stay shared). Every page type in the dark scheme, under axe, with a screenshot:
test_pages.test_page_is_accessible_and_fits."""

import pytest

from tests.browser.conftest import open_tab
from tests.browser.test_pages import PAPER

pytestmark = pytest.mark.browser

DARK_PAPER, LIGHT_PAPER = PAPER["dark"], PAPER["light"]


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


@pytest.fixture
def dark_page(browser, site):
    tab = open_tab(browser, site, color_scheme="dark")
    yield tab
    tab.context.close()


def test_the_switch_is_remembered_without_a_cookie(dark_page, page):
    assert page.goto("/en/").status == 200 and background(page) == LIGHT_PAPER  # the system's light
    switch = page.locator("button[data-theme-switch]")
    assert switch.get_attribute("aria-pressed") == "false"
    switch.click()
    assert background(page) == DARK_PAPER and switch.get_attribute("aria-pressed") == "true"
    page.goto("/en/publications/")
    assert background(page) == DARK_PAPER  # applied before drawing, from local storage
    assert page.context.cookies() == []
    dark_page.goto("/en/")
    dark_page.locator("button[data-theme-switch]").click()
    dark_page.reload()
    assert background(dark_page) == LIGHT_PAPER
    assert page.errors == dark_page.errors == []


def test_charts_take_the_dark_schemes_colours_and_pictures_are_dimmed(dark_page, page):
    """Charts and teasers were glaring white rectangles on the dark page."""

    def fills(tab):
        tab.goto("/en/lab/figures/")
        return tab.evaluate(
            """() => ['a', 'b', 'c', 'none'].map(function (rank) {
                var bar = document.querySelector('figure.chart rect.rank-' + rank);
                return bar ? getComputedStyle(bar).fill : null;
            })"""
        )

    light, dark = fills(page), fills(dark_page)
    assert all(light) and all(dark) and light != dark
    # the darkest bar of the light chart would vanish on the dark paper: there, CCF-A is the brightest
    assert dark[0] == "rgb(140, 188, 255)"
    dark_page.goto("/en/")
    teaser = dark_page.locator(".paper-cards img").first
    assert "brightness" in teaser.evaluate("image => getComputedStyle(image).filter")
    page.goto("/en/")
    assert (
        page.locator(".paper-cards img").first.evaluate("image => getComputedStyle(image).filter") == "none"
    )
    assert page.errors == dark_page.errors == []


def test_the_api_docs_follow_the_dark_scheme(dark_page):
    dark_page.goto("/api/v1/docs/")
    dark_page.locator(".swagger-ui").first.wait_for()
    assert background(dark_page) == "rgb(20, 24, 31)"
    assert "invert" in dark_page.evaluate("getComputedStyle(document.querySelector('.swagger-ui')).filter")
