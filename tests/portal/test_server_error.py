"""A server error shows our own page, in both languages, with DEBUG off; the API answers JSON."""

import pytest
from django.template.loader import render_to_string

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.portal.error_urls")]


@pytest.mark.parametrize(("language", "first"), [("en", "Something went wrong"), ("zh-hans", "服务器出错了")])
def test_a_failing_page_shows_our_500_page_in_both_languages(client, settings, language, first):
    settings.DEBUG = False
    client.raise_request_exception = False
    response = client.get(f"/{language}/failing/")
    assert response.status_code == 500
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert page.index(first) < min(page.index("Something went wrong"), page.index("服务器出错了")) + 1
    assert "服务器出错了" in page and "Something went wrong on our side" in page
    assert "/static/" in page and "<script" not in page and "style=" not in page  # a strict CSP holds


def test_the_500_page_asks_nothing_of_the_database(django_assert_num_queries):
    """It is shown when the database may be what failed."""
    with django_assert_num_queries(0):
        page = render_to_string("500.html")
    assert "Something went wrong on our side" in page
