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
