"""A member hears of the papers the watch found for them on their admin home, opens one and accepts it:
it becomes their draft; an editor rejects another, which then stays rejected."""

from tests.browser.test_members import accounts, log_in  # noqa: F401 (the fixture)

SELF_TERMINATING = "Self-Terminating Write of Multi-Level Cell ReRAM for Efficient Neuromorphic Computing"
ERA_BS = "ERA-BS: Boosting the Efficiency of ReRAM-based PIM Accelerator with Fine-Grained Bit-Level Sparsity"


def test_a_member_accepts_a_found_paper_and_an_editor_rejects_one(browser, site, accounts, screenshots):  # noqa: F811
    member = log_in(browser, site, "browser-member")
    member.click("text=3 new papers found for you")
    member.wait_for_url("**/admin/watch/suggestion/**")
    assert "DBLP" in member.locator("#result_list").inner_text()
    member.screenshot(path=screenshots / "found-papers.png", full_page=True)
    member.click(f"text={SELF_TERMINATING}")
    assert "OpenAlex" in member.locator("#content").inner_text()
    member.click("button:has-text('Accept')")
    member.wait_for_url("**/admin/watch/suggestion/?state__exact=waiting")
    assert "Added as a draft" in member.locator(".messagelist").inner_text()
    member.goto("/admin/")
    assert "2 new papers found for you" in member.locator("#content").inner_text()
    member.goto("/admin/publications/publication/?q=Self-Terminating")
    assert SELF_TERMINATING in member.locator("#result_list").inner_text()

    editor = log_in(browser, site, "browser-editor")
    editor.goto("/admin/watch/suggestion/?state__exact=waiting")
    editor.click(f"text={ERA_BS}")
    editor.click("button:has-text('Reject')")
    editor.wait_for_url("**/admin/watch/suggestion/?state__exact=waiting")
    assert ERA_BS not in editor.locator("#content").inner_text()
    editor.goto("/admin/watch/suggestion/?state__exact=rejected")
    assert ERA_BS in editor.locator("#result_list").inner_text()
