"""The pages of projects, software, talks, teaching, openings and a CV in a real Chromium: both
languages, a desktop and the narrowest phone width in both schemes, under axe-core and the CSP, no
sideways scroll, tap targets of 44 px on a phone; and the header's "More" menu opening without script."""

import pytest

from tests.browser.test_pages import PAPER, SMALL_TARGETS, images_loaded, serious_violations

pytestmark = pytest.mark.browser

PAGES = {
    "projects": "projects/",
    "project": "projects/pim-architectures-for-ai/",
    "software": "software/",
    "software-item": "software/million/",
    "talks": "talks/",
    "talk": "talks/ndpbridge-isca-2024/",
    "teaching": "teaching/",
    "course": "teaching/computer-architecture-2025-autumn/",
    "openings": "openings/",
    "opening": "openings/phd-positions/",
    "cv": "people/li-jiang/cv/",
}
VIEWS = {"1280px-light": (1280, "light"), "360px-dark": (360, "dark")}
# Each page in English on a desktop and in Chinese on the narrowest phone, each scheme once: the other
# pairs are the same templates (the whole matrix runs on the older pages, tests/browser/test_pages.py).
PAIRS = [("en", "1280px-light"), ("zh-hans", "360px-dark")]


@pytest.mark.parametrize(("language", "view"), PAIRS)
@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible_and_fits(matrix_tab, screenshots, name, language, view):
    page = matrix_tab
    page.errors.clear()
    width, scheme = VIEWS[view]
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)
    response = page.goto(f"/{language}/{PAGES[name]}")
    assert response.status == 200
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == PAPER[scheme]
    assert all(loaded for _src, loaded in images_loaded(page))
    page.screenshot(path=screenshots / f"{name}-{language}-{view}.png", full_page=True)
    assert serious_violations(page) == []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than the window"
    assert page.errors == []


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("name", PAGES)
def test_every_tap_target_on_a_phone_is_44_px(page, name, language):
    page.set_viewport_size({"width": 390, "height": 900})
    assert page.goto(f"/{language}/{PAGES[name]}").status == 200
    assert page.evaluate(SMALL_TARGETS) == []


@pytest.mark.parametrize("width", [1280, 390])
def test_the_more_menu_opens_without_script_and_leads_to_the_new_sections(page, screenshots, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/en/")
    if width < 600:
        page.get_by_role("button", name="Menu").click()
    more = page.locator("details.more-menu")
    more.locator("summary").click()
    assert more.get_attribute("open") is not None
    page.screenshot(path=screenshots / f"more-menu-{width}.png")
    for label in ("Projects", "Software", "Talks", "Teaching", "Collections", "Join us"):
        assert more.get_by_role("link", name=label).is_visible(), label
    more.get_by_role("link", name="Talks").click()
    assert page.url.endswith("/en/talks/")
    assert serious_violations(page) == [] and page.errors == []
