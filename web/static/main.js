// The page: the first-run screen while nothing is configured, then ChatKit; the built-in view
// when ChatKit cannot start. Settings open from either, as a dialog over the page.

import { handOver } from "./chatkit/handover.js";
import { startChatKitMode } from "./chatkit/mode.js";
import { showFirstRun } from "./first-run/screen.js";
import { hasToken } from "./session.js";
import { loadSettings, loadStatus, onSettingsChange } from "./settings/api.js";
import { h } from "./settings/dom.js";
import { openSettings } from "./settings/panel.js";

const root = document.getElementById("app");
let chatkit = null;

function setMode(mode) {
  root.dataset.mode = mode;
  root.removeAttribute("aria-busy");
}

function showBuiltIn(reason) {
  chatkit?.destroy();
  chatkit = null;
  setMode("builtin");
  handOver(root, { reason, onRetry: startChat, onOpenSettings: openSettings });
}

async function startChat() {
  root.setAttribute("aria-busy", "true");
  root.replaceChildren(h("p", { class: "loading" }, "Starting ChatKit…"));
  try {
    const settings = await loadSettings();
    chatkit = await startChatKitMode(root, { settings, onOpenSettings: openSettings });
    setMode("chatkit");
  } catch (failure) {
    showBuiltIn(failure.message);
  }
}

function showProblem(message) {
  setMode("problem");
  root.replaceChildren(
    h("div", { class: "problem", role: "alert" }, h("h1", {}, "ChatKit Desktop"), h("p", {}, message)),
  );
}

async function boot() {
  if (!hasToken()) {
    showProblem(
      "This page was opened without its access token, so it cannot reach the app. Open the app again, " +
        "or the address `chatkit-desktop serve` printed; reloading the page forgets the token.",
    );
    return;
  }
  let status;
  try {
    status = await loadStatus();
  } catch (failure) {
    showProblem(`The app's server did not answer: ${failure.message}`);
    return;
  }
  if (!status.first_run) {
    startChat();
    return;
  }
  setMode("first-run");
  showFirstRun(root, {
    status,
    onDone: startChat,
    onBuiltIn: () => showBuiltIn(null),
  });
}

onSettingsChange((settings) => chatkit?.applySettings(settings));
boot();
