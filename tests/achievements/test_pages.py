"""The achievements pages say each thing once."""

import pytest

from tests.achievements.factories import AchievementFactory

pytestmark = pytest.mark.django_db


def test_a_years_page_names_its_year_once(client):
    AchievementFactory(year=2024, title_en="INSPIRE")
    AchievementFactory(year=2024, title_en="NDPBridge")
    AchievementFactory(year=2023, title_en="Older")
    page = client.get("/en/achievements/2024/").content.decode()
    assert page.count("Achievements of 2024") == 1 and "INSPIRE" in page and "Older" not in page
    everything = client.get("/en/achievements/").content.decode()
    assert everything.count("Achievements of 2024") == 1 and everything.count("Achievements of 2023") == 1


def test_a_draft_card_is_marked(client, admin_client):
    AchievementFactory(year=2024, title_en="Unfinished", is_published=False)
    page = admin_client.get("/en/achievements/2024/").content.decode()
    assert "Unfinished" in page and 'class="badge draft"' in page


def test_a_year_of_the_lab_without_achievements_says_so_and_others_are_not_pages(client):
    """A year between the lab's first and this one answered 404; it now says nothing is recorded and
    leads to the years that have achievements. A year outside that span is still no page."""
    AchievementFactory(year=2021, title_en="First")
    AchievementFactory(year=2024, title_en="Later")
    response = client.get("/en/achievements/2022/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "No achievements are recorded for 2022" in page
    assert 'href="/en/achievements/2021/"' in page and 'href="/en/achievements/2024/"' in page
    assert client.get("/en/achievements/2020/").status_code == 404
    assert client.get("/en/achievements/2999/").status_code == 404
