"""Addresses no page has answer 404, never 500: years a date cannot hold, in every page that takes one."""

import pytest

pytestmark = pytest.mark.django_db

YEAR_PAGES = ["news/{}/", "achievements/{}/", "achievements/{}/report/", "achievements/{}/report.docx",
              "achievements/{}/report.pdf", "achievements/{}/million/"]  # fmt: skip


@pytest.mark.parametrize("year", [0, 10000, 99999999999999999999, "0001", 9999])
@pytest.mark.parametrize("page", YEAR_PAGES)
def test_a_year_out_of_range_is_not_found(client, page, year):
    response = client.get(f"/en/{page.format(year)}")
    assert response.status_code == 404
