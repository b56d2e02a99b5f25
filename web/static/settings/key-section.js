// The API key controls, shared by the settings panel and the first-run screen: where the key
// comes from, a field to set or replace it, and a button to remove it from the keyring. The key
// typed here is sent once and the field emptied; no answer from the server ever contains it.

import { clearKey, describeKeySource, keyringPending, loadStatus, storeKey } from "./api.js";
import { externalLink, h, uniqueId } from "../lib/dom.js";

const API_KEYS_PAGE = "https://platform.openai.com/api-keys";

/**
 * @param {{status: object, onStatus?: (status: object) => void}} options
 *   `onStatus` receives the server's new status after the key was stored or removed.
 */
export function createKeySection({ status, onStatus }) {
  const inputId = uniqueId("api-key");
  const hintId = uniqueId("api-key-hint");
  const source = h("p", { class: "key-source", "data-testid": "key-source" });
  const problem = h("p", { class: "notice warning", hidden: true });
  const error = h("p", { class: "notice error", role: "alert" });
  const input = h("input", {
    id: inputId,
    type: "password",
    name: "api-key",
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": hintId,
  });
  const save = h("button", { type: "submit" }, "Save key");
  const remove = h("button", { type: "button", class: "secondary" }, "Remove stored key");

  let busy = false;

  async function run(action, successFocus) {
    if (busy) return;
    busy = true;
    error.textContent = "";
    save.disabled = true;
    remove.disabled = true;
    try {
      const next = await action();
      update(next);
      onStatus?.(next);
      successFocus?.focus();
    } catch (failure) {
      error.textContent = failure.message;
    } finally {
      busy = false;
      save.disabled = false;
      remove.disabled = false;
    }
  }

  const form = h(
    "form",
    {
      class: "key-form",
      onsubmit: (event) => {
        event.preventDefault();
        const key = input.value.trim();
        if (!key) {
          error.textContent = "Paste a key first.";
          input.focus();
          return;
        }
        // Out of the page before the request even starts; only the request body carries it.
        input.value = "";
        run(() => storeKey(key), input);
      },
    },
    h("label", { for: inputId }, "API key"),
    h("div", { class: "row" }, input, save),
    h(
      "p",
      { id: hintId, class: "hint" },
      "Get one at ",
      externalLink(API_KEYS_PAGE, "platform.openai.com/api-keys"),
      ". It is kept in your system keyring, never in a file, and this page never shows it again.",
    ),
  );
  remove.addEventListener("click", () => run(clearKey, input));

  function update(next) {
    const key = next.key;
    source.textContent = describeKeySource(key);
    problem.hidden = !key.keyring_problem;
    problem.textContent = key.keyring_problem || "";
    remove.hidden = !key.stored_in_keyring;
    save.textContent = key.stored_in_keyring ? "Replace key" : "Save key";
  }

  const element = h("div", { class: "key-section" }, source, problem, form, remove, error);
  update(status);
  followKeyring(status);
  return { element };

  /** While the server is still reading the keyring (its prompt may be open), keep asking, so
   * the section says what it found once the user answers; stops once the section is gone. */
  async function followKeyring(current) {
    while (keyringPending(current)) {
      try {
        current = await loadStatus({ waitForKeyring: 2 });
      } catch {
        return;
      }
      // The dialog or screen that showed the section has gone, or a save has taken over.
      if (!element.isConnected || busy) return;
      update(current);
      onStatus?.(current);
    }
  }
}
