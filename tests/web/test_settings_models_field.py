"""The settings panel's "Models in the composer's menu" field: the ``models`` setting saved
through /api/settings, and the composer's menu offering it once saved, without a restart."""

import httpx
from playwright.sync_api import expect

from tests.fixtures.browser import ServedApp
from tests.web.conftest import PageUnderTest


def test_the_models_field_fills_the_composers_menu(tab: PageUnderTest, app: ServedApp) -> None:
    tab.open("chatkit")
    tab.stand_in("chatkit.clickHeaderAction()")
    dialog = tab.page.get_by_role("dialog", name="Settings")
    field = dialog.get_by_label("Models in the composer's menu")
    expect(field).to_have_value("")

    field.fill(" llama3.2,qwen2.5:7b , ")
    form = dialog.locator("form.settings-form")
    form.get_by_role("button", name="Save settings").click()
    expect(form.get_by_role("status")).to_contain_text("Saved", timeout=20_000)

    saved = httpx.get(
        f"{app.url}/api/settings", headers={"Authorization": f"Bearer {app.token}"}, timeout=10
    ).json()
    assert saved["models"] == ["llama3.2", "qwen2.5:7b"]
    tab.page.wait_for_function(
        "() => (window.__chatkitStandIn.options.composer.models || []).length === 3"
    )
    assert [model["id"] for model in tab.stand_in("chatkit.options.composer.models")] == [
        "gpt-4.1-mini",
        "llama3.2",
        "qwen2.5:7b",
    ]
