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
