// The page: the first-run screen while nothing is configured, then ChatKit; the built-in view
// when ChatKit cannot start. Settings open from either, as a dialog over the page. An ask (the
// shortcut, `chatkit-desktop ask`) fills the context card and hands the composer the keyboard.
// Ctrl+K searches every conversation from either. Settings, search, the first-run screen and the
// close notice are imported when first needed, off the way to the first screen.

import { handOver } from "./chatkit/handover.js";
import { startChatKitMode } from "./chatkit/mode.js";
import { listenForAsks } from "./ask/asks.js";
import { waitForKeyring } from "./first-run/keyring-wait.js";
import { getPendingContext, hasToken, setPendingContext } from "./session.js";
import { loadSettings, loadStatus, onSettingsChange } from "./settings/api.js";
import { h } from "./lib/dom.js";
import { listenForSearchKeys } from "./search/keys.js";

const root = document.getElementById("app");
let chatkit = null;
let builtInMounted = false;
let composerWanted = false;
// An ask with something to share starts a new conversation (ask/card.js offers the open one).
let newConversationWanted = false;

async function openSettings() {
  (await import("./settings/panel.js")).openSettings();
}

/** The hook the native window calls on its first close (desktop/window/close_notice.py). It must
 * answer at once: "shown" tells the window the page has taken the close over. */
window.chatkitDesktop = Object.assign(window.chatkitDesktop ?? {}, {
  showCloseNotice(detail) {
    import("./window/close-notice.js")
      .then(({ showCloseNotice }) => showCloseNotice(detail))
      .catch((failure) => console.warn(`The close notice could not be shown: ${failure.message}`));
    return "shown";
  },
});

function setMode(mode) {
  root.dataset.mode = mode;
  root.removeAttribute("aria-busy");
}

function showBuiltIn(reason) {
  chatkit?.destroy();
  chatkit = null;
  setMode("builtin");
  handOver(root, { reason, onRetry: startChat, onOpenSettings: openSettings }).then(() => {
    builtInMounted = true;
    giveComposerTheKeyboard();
  });
}

async function startChat() {
  builtInMounted = false;
  root.setAttribute("aria-busy", "true");
  root.replaceChildren(h("p", { class: "loading" }, "Starting ChatKit…"));
  try {
    const settings = await loadSettings();
    chatkit = await startChatKitMode(root, {
      settings,
      onOpenSettings: openSettings,
      onOpenSearch: openSearch,
    });
    setMode("chatkit");
    giveComposerTheKeyboard();
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
  let continued;
  try {
    // The keyring is read off this path: a prompt it opens gets a screen saying so.
    ({ status, continued } = await waitForKeyring(root, await loadStatus()));
  } catch (failure) {
    showProblem(`The app's server did not answer: ${failure.message}`);
    return;
  }
  if (continued || !status.first_run) {
    startChat();
    return;
  }
  const { showFirstRun } = await import("./first-run/screen.js");
  setMode("first-run");
  showFirstRun(root, {
    status,
    onDone: startChat,
    onBuiltIn: () => showBuiltIn(null),
  });
}

/** Hands the keyboard to the composer once one is there: an ask can arrive while ChatKit or the
 * built-in view is still starting, and the first-run screen has no composer at all. */
async function giveComposerTheKeyboard() {
  if (!composerWanted) return;
  const startAsk = newConversationWanted;
  if (chatkit) {
    composerWanted = newConversationWanted = false;
    if (startAsk) chatkit.startAsk();
    else chatkit.focusComposer();
  } else if (builtInMounted) {
    composerWanted = newConversationWanted = false;
    const view = await import("./history/view.js");
    if (startAsk) view.startAsk();
    else view.focusComposer();
  }
}

/** Ctrl+K, Ctrl+Shift+F or ChatKit's header: the search over every conversation. Over ChatKit
 * it is a dialog whose result opens in ChatKit; the built-in view has its own search box. */
async function openSearch() {
  // Settings or a confirmation has the keyboard to itself.
  if (document.querySelector("dialog[open]:not(.search-dialog)")) return;
  if (chatkit) {
    const currentThreadId = chatkit.currentThreadId();
    const { openSearchDialog } = await import("./search/dialog.js");
    openSearchDialog({ onOpen: (threadId) => chatkit?.showThread(threadId), currentThreadId });
  } else if (builtInMounted) {
    (await import("./history/view.js")).focusSearch();
  }
}

/** The shortcut or `chatkit-desktop ask`: show what will be shared and let the user type. */
function onAsk(ask) {
  setPendingContext(ask.context);
  composerWanted = true;
  newConversationWanted = getPendingContext() !== null;
  giveComposerTheKeyboard();
}

onSettingsChange((settings) => {
  // This app's agent or a workflow: each has its own api, so ChatKit starts again.
  if (chatkit?.needsRestart(settings)) {
    chatkit.destroy();
    chatkit = null;
    startChat();
  } else {
    chatkit?.applySettings(settings);
  }
});
boot();
if (hasToken()) listenForAsks(onAsk);
listenForSearchKeys(openSearch);
