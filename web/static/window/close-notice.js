// The notice the native window asks for the first time it is closed while the global shortcut
// keeps the app running (desktop/window/close_notice.py): that the app goes on running, how to
// bring it back and how to quit, with "Quit instead", "Keep running" and "Don't show again".
// The window calls window.chatkitDesktop.showCloseNotice({tray}) and hides only once the user
// answers here.

import { apiJson } from "../session.js";
import { h, uniqueId } from "../lib/dom.js";
import { loadSettings, saveSettings } from "../settings/api.js";

const QUIT_KEYS = navigator.platform.startsWith("Mac") ? "⌘Q" : "Ctrl+Q";

let openNotice = null;

function paragraphs(shortcut, tray) {
  const back = shortcut
    ? ["To bring it back, press ", h("kbd", {}, shortcut), " or start ChatKit Desktop again."]
    : ["To bring it back, start ChatKit Desktop again."];
  const quit = tray
    ? ["To quit, press ", h("kbd", {}, QUIT_KEYS), " in this window or choose Quit in its tray icon's menu."]
    : ["To quit, press ", h("kbd", {}, QUIT_KEYS), " in this window."];
  return [
    h(
      "p",
      {},
      "Closing the window leaves the app running in the background, so your shortcut can " +
        "bring it up with whatever you have selected.",
    ),
    h("p", {}, ...back),
    h("p", {}, ...quit),
    tray
      ? null
      : h(
          "p",
          { class: "notice warning", "data-testid": "no-tray" },
          "Your desktop shows no tray icons, so nothing on screen will show that it is running.",
        ),
  ];
}

async function answer(path, dialog, dontShowAgain) {
  for (const button of dialog.querySelectorAll("button")) button.disabled = true;
  if (dontShowAgain.checked) {
    // The answer still counts if the choice cannot be saved: the notice then comes back.
    await saveSettings({ close_notice: false }).catch((failure) =>
      console.warn(`The close notice's choice was not saved: ${failure.message}`),
    );
  }
  dialog.close();
  await apiJson(path, { method: "POST" });
}

async function showCloseNotice({ tray }) {
  if (openNotice?.open) {
    openNotice.focus();
    return;
  }
  const settings = await loadSettings().catch(() => ({ shortcut: "" }));
  const titleId = uniqueId("close-notice-title");
  const checkboxId = uniqueId("close-notice-again");
  const dontShowAgain = h("input", { id: checkboxId, type: "checkbox" });
  const quit = h("button", { type: "button", class: "secondary" }, "Quit instead");
  const keep = h("button", { type: "button" }, "Keep running");
  const dialog = h(
    "dialog",
    { class: "close-notice", "aria-labelledby": titleId },
    h("h2", { id: titleId }, "ChatKit Desktop keeps running"),
    paragraphs(settings.shortcut, tray),
    h(
      "div",
      { class: "close-notice-footer" },
      h("div", { class: "choice" }, dontShowAgain, h("label", { for: checkboxId }, "Don't show this again")),
      h("div", { class: "actions" }, quit, keep),
    ),
  );
  quit.addEventListener("click", () => answer("/api/window/quit", dialog, dontShowAgain));
  keep.addEventListener("click", () => answer("/api/window/hide", dialog, dontShowAgain));
  // Esc is no answer: the window stays, as if the close had not happened.
  dialog.addEventListener("close", () => {
    dialog.remove();
    if (openNotice === dialog) openNotice = null;
  });
  document.body.append(dialog);
  dialog.showModal();
  keep.focus();
  openNotice = dialog;
}

/** The hook the native window calls; "shown" tells it the page has taken the close over. */
window.chatkitDesktop = Object.assign(window.chatkitDesktop ?? {}, {
  showCloseNotice(detail) {
    showCloseNotice(detail);
    return "shown";
  },
});
