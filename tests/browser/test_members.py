"""A member edits their own profile and a paper they co-authored; an editor approves, then undoes it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.conftest import open_tab

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "browser-pass-2025"

SETUP = f"""
import json
from django.contrib.auth.models import Group, User
from people.models import Person
from publications.models import Publication

member, _ = User.objects.get_or_create(
    username="browser-member", defaults={{"is_staff": True, "email": "member@lab.example"}}
)
editor, _ = User.objects.get_or_create(username="browser-editor", defaults={{"is_staff": True}})
for user, role in ((member, "Member"), (editor, "Editor")):
    user.set_password("{PASSWORD}")
    user.save()
    user.groups.set([Group.objects.get(name=role)])
person = Person.objects.get(slug="zongwu-wang")
Person.objects.filter(pk=person.pk).update(user=member)
paper = Publication.objects.public().filter(authorships__person=person).order_by("pk").first()
print(json.dumps({{"person": person.pk, "paper": paper.pk, "slug": paper.slug, "title": paper.title_en}}))
"""


@pytest.fixture
def accounts(site):
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SETUP],
        cwd=ROOT, env=site.env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def log_in(browser, site, username):
    tab = open_tab(browser, site)
    tab.goto("/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", PASSWORD)
    tab.click("input[type=submit]")
    tab.wait_for_url("**/admin/")
    return tab


def visitor_sees(page, path: str) -> str:
    page.goto(path)
    return page.locator("main").inner_text()


def test_a_member_edits_their_profile_and_a_paper_an_editor_approves_and_restores(
    browser, site, page, accounts, screenshots
):
    old_title, new_title = accounts["title"], accounts["title"] + " (revised)"
    member = log_in(browser, site, "browser-member")

    member.goto(f"/admin/people/person/{accounts['person']}/change/")
    member.fill("#id_bio_en", "Zongwu works on long-context LLM inference in memory.")
    member.click("input[name=_save]")
    member.wait_for_url("**/admin/people/person/")
    assert "long-context LLM inference" in visitor_sees(page, "/en/people/zongwu-wang/")  # live at once

    member.goto(f"/admin/publications/publication/{accounts['paper']}/change/")
    member.fill("#id_title_en", new_title)
    member.click("input[name=_save]")
    member.wait_for_url("**/admin/publications/publication/")
    assert "waits for an editor" in member.locator(".messagelist").inner_text()
    member.screenshot(path=screenshots / "member-change-waits.png")
    seen = visitor_sees(page, f"/en/publications/{accounts['slug']}/")
    assert old_title in seen and new_title not in seen

    editor = log_in(browser, site, "browser-editor")
    assert "1 change waits for review" in editor.locator("#content").inner_text()
    editor.click("text=1 change waits for review")
    editor.click(f"text={old_title}")
    assert new_title in editor.locator("table.diff").inner_text()
    editor.screenshot(path=screenshots / "editor-reviews-a-change.png", full_page=True)
    editor.click("button[name=approve]")
    editor.wait_for_url("**/admin/accounts/pendingchange/**")
    assert new_title in visitor_sees(page, f"/en/publications/{accounts['slug']}/")

    editor.goto(f"/admin/publications/publication/{accounts['paper']}/history/")
    entries = editor.locator("section.history-entry")
    assert entries.count() == 2
    assert "Approved the change proposed by browser-member" in entries.first.inner_text()
    editor.screenshot(path=screenshots / "history-with-diff.png", full_page=True)
    entries.last.locator("button", has_text="Restore this version").click()
    editor.wait_for_url("**/history/")
    assert "Restored the version of" in editor.locator(".messagelist").inner_text()
    seen = visitor_sees(page, f"/en/publications/{accounts['slug']}/")
    assert old_title in seen and new_title not in seen
    assert member.errors == editor.errors == page.errors == []


def test_a_member_amends_their_waiting_change_and_hears_it_was_approved(
    browser, site, page, accounts, screenshots
):
    old_title, new_title = accounts["title"], accounts["title"] + " (second look)"
    abstract = "An abstract the member wrote after proposing the new title."
    paper = f"/admin/publications/publication/{accounts['paper']}/change/"
    member = log_in(browser, site, "browser-member")
    member.goto(paper)
    member.fill("#id_title_en", new_title)
    member.click("input[name=_save]")
    member.wait_for_url("**/admin/publications/publication/")
    assert "change waiting for review" in member.locator("#result_list").inner_text()

    member.goto(paper)
    assert member.input_value("#id_title_en") == new_title, "the reopened form is the change waiting"
    assert "You are editing your change of" in member.locator(".messagelist").inner_text()
    assert new_title in member.locator("section.proposal table.diff").inner_text()
    member.fill("#id_abstract_en", abstract)
    member.click("input[name=_save]")
    member.wait_for_url("**/admin/publications/publication/")
    member.screenshot(path=screenshots / "member-amends-a-waiting-change.png")

    editor = log_in(browser, site, "browser-editor")
    assert "1 change waits for review" in editor.locator("#content").inner_text()
    editor.click("text=1 change waits for review")
    editor.click(f"text={old_title}")
    proposed = editor.locator("table.diff").inner_text()
    assert new_title in proposed and abstract in proposed, "one change holding both edits"
    editor.click("button[name=approve]")
    editor.wait_for_url("**/admin/accounts/pendingchange/**")

    member.goto("/admin/")
    assert "was approved by browser-editor" in member.locator(".messagelist").inner_text()
    mails = [path.read_text() for path in sorted(site.mail.glob("*.log"))]
    assert any("member@lab.example" in text and "was approved" in text for text in mails)
    seen = visitor_sees(page, f"/en/publications/{accounts['slug']}/")
    assert new_title in seen and abstract in seen
    assert member.errors == editor.errors == page.errors == []
