// The notice the native window asks for the first time it is closed while the global shortcut
// keeps the app running (desktop/window/close_notice.py): that the app goes on running, how to
// bring it back and how to quit, with "Quit instead", "Keep running" and "Don't show again".
// The window calls window.chatkitDesktop.showCloseNotice({tray}) (main.js's hook, which loads
// this module) and hides only once the user answers here. If the app does not take the answer,
// the notice comes back saying so.

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

function reopen(dialog, problem, message) {
  problem.textContent = message;
  problem.hidden = false;
  for (const button of dialog.querySelectorAll("button")) button.disabled = false;
  if (openNotice !== null && openNotice !== dialog) openNotice.close();
  document.body.append(dialog);
  dialog.showModal();
  openNotice = dialog;
}

async function answer({ path, failed }, dialog, dontShowAgain, problem) {
  for (const button of dialog.querySelectorAll("button")) button.disabled = true;
  if (dontShowAgain.checked) {
    // The answer still counts if the choice cannot be saved: the notice then comes back.
    await saveSettings({ close_notice: false }).catch((failure) =>
      console.warn(`The close notice's choice was not saved: ${failure.message}`),
    );
  }
  dialog.close();
  try {
    await apiJson(path, { method: "POST" });
  } catch (failure) {
    reopen(dialog, problem, `${failed}: ${failure.message}`);
  }
}

/** Shows the notice, or brings the one already showing (or on its way) to the front. */
export async function showCloseNotice({ tray }) {
  if (openNotice !== null) {
    if (openNotice.open) openNotice.focus();
    return;
  }
  // Taken before the settings load, so that a second close meanwhile opens no second notice.
  const dialog = h("dialog", { class: "close-notice" });
  openNotice = dialog;
  const settings = await loadSettings().catch(() => ({ shortcut: "" }));
  const titleId = uniqueId("close-notice-title");
  const checkboxId = uniqueId("close-notice-again");
  const dontShowAgain = h("input", { id: checkboxId, type: "checkbox" });
  const quit = h("button", { type: "button", class: "secondary" }, "Quit instead");
  const keep = h("button", { type: "button" }, "Keep running");
  const problem = h("p", { class: "notice error", role: "alert", hidden: true });
  dialog.setAttribute("aria-labelledby", titleId);
  dialog.append(
    h("h2", { id: titleId }, "ChatKit Desktop keeps running"),
    ...paragraphs(settings.shortcut, tray).filter((paragraph) => paragraph !== null),
    problem,
    h(
      "div",
      { class: "close-notice-footer" },
      h("div", { class: "choice" }, dontShowAgain, h("label", { for: checkboxId }, "Don't show this again")),
      h("div", { class: "actions" }, quit, keep),
    ),
  );
  const quitting = { path: "/api/window/quit", failed: "The app did not quit" };
  const hiding = { path: "/api/window/hide", failed: "The window was not hidden" };
  quit.addEventListener("click", () => answer(quitting, dialog, dontShowAgain, problem));
  keep.addEventListener("click", () => answer(hiding, dialog, dontShowAgain, problem));
  // Esc is no answer: the window stays, as if the close had not happened.
  dialog.addEventListener("close", () => {
    dialog.remove();
    if (openNotice === dialog) openNotice = null;
  });
  document.body.append(dialog);
  dialog.showModal();
  keep.focus();
}
