// What the page shows while the system keyring is held by its prompt ("Unlock keyring",
// "Choose password for new keyring"): the server reads the key off the page's path and answers
// at once, so the page says what it is waiting for and lets the user go on without it.

import { keyringPending, loadStatus } from "../settings/api.js";
import { h } from "../lib/dom.js";

// Each request waits this long on the server for the read to end: an answer arrives within it.
const POLL_SECONDS = 1;

function waitingScreen(onContinue) {
  const next = h(
    "button",
    { type: "button", onclick: () => onContinue() },
    "Continue without the keyring",
  );
  return h(
    "section",
    { class: "keyring-wait", "aria-labelledby": "keyring-wait-title" },
    h("div", { class: "spinner", "aria-hidden": "true" }),
    h("h1", { id: "keyring-wait-title", tabindex: "-1" }, "Waiting for your keyring to unlock…"),
    h(
      "p",
      { class: "lead" },
      "Your system is asking for your keyring's password, perhaps in a window behind this one. " +
        "Once you answer, the app reads your API key from it and carries on.",
    ),
    h("div", { class: "actions" }, next),
    h(
      "p",
      { class: "hint" },
      "Without it you can read your conversations and use a model on this computer; a " +
        "message to OpenAI needs the keyring unlocked. To skip the keyring altogether, set the " +
        "OPENAI_API_KEY environment variable.",
    ),
  );
}

/**
 * Resolves once the server has read the keyring, with the status then, or with
 * `{continued: true}` and the status as it was when the user chose to go on without it.
 * The waiting screen appears in `root` only once the server says a prompt is likely open.
 * @param {HTMLElement} root
 * @param {object} status
 * @returns {Promise<{status: object, continued: boolean}>}
 */
export async function waitForKeyring(root, status) {
  let shown = false;
  let continueNow;
  const continued = new Promise((resolve) => {
    continueNow = () => resolve(null);
  });
  while (keyringPending(status)) {
    if (status.key.keyring_state === "waiting" && !shown) {
      shown = true;
      root.dataset.mode = "keyring-wait";
      root.removeAttribute("aria-busy");
      root.replaceChildren(waitingScreen(continueNow));
      root.querySelector("h1").focus();
    }
    const answered = await Promise.race([loadStatus({ waitForKeyring: POLL_SECONDS }), continued]);
    if (answered === null) return { status, continued: true };
    status = answered;
  }
  return { status, continued: false };
}
