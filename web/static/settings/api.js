// The page's side of /api/settings, /api/status and /api/key. Settings live on the server (the
// origin changes with the port, so the browser's storage would forget them); the API key only
// ever travels page → server, and every answer describes where the key is, never the key.

import { apiJson } from "../session.js";

const listeners = new Set();

/** Called with the new settings after every change saved from this page. */
export function onSettingsChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function announce(settings) {
  for (const listener of listeners) listener(settings);
  return settings;
}

export function loadSettings() {
  return apiJson("/api/settings");
}

export async function saveSettings(changes) {
  const settings = await apiJson("/api/settings", {
    method: "PATCH",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(changes),
  });
  return announce(settings);
}

/** The status at once; with `waitForKeyring`, after up to that many seconds spent waiting for
 * a keyring read still under way (the server reads it off the page's path). */
export function loadStatus({ waitForKeyring = 0 } = {}) {
  return apiJson(waitForKeyring ? `/api/status?wait_for_keyring=${waitForKeyring}` : "/api/status");
}

/** Whether the server is still reading the keyring (its prompt may be open). */
export function keyringPending(status) {
  return ["reading", "waiting"].includes(status.key.keyring_state);
}

/** Sends the key once, to be kept in the system keyring; resolves to the new status. */
export function storeKey(key) {
  return apiJson("/api/key", {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ key }),
  });
}

export function clearKey() {
  return apiJson("/api/key", { method: "DELETE" });
}

/** One sentence saying where the key comes from. */
export function describeKeySource(key) {
  if (key.source === "environment") {
    const stored = key.stored_in_keyring
      ? " A key stored in the keyring is not used while it is set."
      : "";
    return `The key comes from the OPENAI_API_KEY environment variable; change it where you set it.${stored}`;
  }
  if (key.keyring_state === "not_needed") {
    const stored = key.stored_in_keyring
      ? ` The key stored in the system keyring (${key.backend}) is sent only to OpenAI and servers on other computers.`
      : "";
    return `A server on this computer is sent no key from the keyring; if it needs one, set OPENAI_API_KEY.${stored}`;
  }
  if (key.source === "keyring") {
    return `A key is stored in the system keyring (${key.backend}).`;
  }
  if (key.keyring_state === "waiting") {
    return "Waiting for your keyring to unlock… Answer its prompt to use the key stored there.";
  }
  if (key.keyring_state === "reading") return "Checking the system keyring…";
  return "No API key is set.";
}
