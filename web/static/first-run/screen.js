// The first-run screen, shown while no API key and no other model endpoint is configured: paste
// an OpenAI key, or point the app at a model on this computer. It also says plainly what
// loading ChatKit from OpenAI's CDN means for privacy.

import { loadStatus, saveSettings } from "../settings/api.js";
import { h, uniqueId } from "../lib/dom.js";
import { OLLAMA_URL } from "../settings/fields.js";
import { createKeySection } from "../settings/key-section.js";

const PRIVACY = [
  "The chat interface, ChatKit, is made by OpenAI and loaded from OpenAI's CDN " +
    "(cdn.platform.openai.com) each time the app opens. It runs in a frame served by OpenAI " +
    "that contacts OpenAI's services as it loads, so OpenAI can tell that you use it and from " +
    "which network address, and it displays your conversations. Your messages are sent to the " +
    "model endpoint you choose here, and your conversations are stored only on this computer.",
  "The built-in view is part of this app and needs no network: it opens when ChatKit cannot " +
    "load, or whenever you choose it, and chats through the same endpoint. With a local model " +
    "nothing leaves this computer.",
];

function textInput(attributes) {
  return h("input", { type: "text", required: true, spellcheck: "false", ...attributes });
}

function localModelForm(onDone) {
  const url = textInput({ id: uniqueId("local-url"), type: "url", value: OLLAMA_URL });
  const model = textInput({ id: uniqueId("local-model"), placeholder: "llama3.2" });
  const error = h("p", { class: "notice error", role: "alert" });
  const submit = h("button", { type: "submit" }, "Use this server");
  return h(
    "form",
    {
      class: "local-model",
      onsubmit: async (event) => {
        event.preventDefault();
        submit.disabled = true;
        error.textContent = "";
        try {
          await saveSettings({ base_url: url.value.trim(), model: model.value.trim() });
          onDone(await loadStatus());
        } catch (failure) {
          error.textContent = failure.message;
        } finally {
          submit.disabled = false;
        }
      },
    },
    h("div", { class: "field" }, h("label", { for: url.id }, "Server address"), url),
    h("div", { class: "field" }, h("label", { for: model.id }, "Model name"), model),
    h("div", { class: "actions" }, submit),
    error,
  );
}

function option(titleId, title, ...content) {
  return h(
    "section",
    { class: "option", "aria-labelledby": titleId },
    h("h2", { id: titleId }, title),
    ...content,
  );
}

/**
 * @param {HTMLElement} root
 * @param {{status: object, onDone: () => void, onBuiltIn: () => void}} options
 *   `onDone` once a key or an endpoint is set up, or when the user skips; `onBuiltIn` when
 *   they choose the built-in view.
 */
export function showFirstRun(root, { status, onDone, onBuiltIn }) {
  const finishIfReady = (next) => {
    if (!next.first_run) onDone();
  };
  const screen = h(
    "section",
    { class: "first-run", "aria-labelledby": "first-run-title" },
    h("h1", { id: "first-run-title", tabindex: "-1" }, "Welcome to ChatKit Desktop"),
    h(
      "p",
      { class: "lead" },
      "To answer you, the app needs a model: OpenAI's, with your API key, " +
        "or one running on your own computer.",
    ),
    h(
      "div",
      { class: "options" },
      option(
        "use-openai",
        "Use OpenAI",
        h("p", {}, "Paste an API key from your OpenAI account."),
        createKeySection({ status, onStatus: finishIfReady }).element,
      ),
      option(
        "use-local",
        "Use a local model",
        h(
          "p",
          {},
          "Point the app at an OpenAI-compatible server such as Ollama, LM Studio or vLLM. " +
            "No key is needed.",
        ),
        localModelForm(finishIfReady),
      ),
    ),
    h(
      "section",
      { class: "privacy", "aria-labelledby": "privacy-title" },
      h("h2", { id: "privacy-title" }, "What goes where"),
      PRIVACY.map((paragraph) => h("p", {}, paragraph)),
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", class: "secondary", onclick: () => onDone() }, "Skip for now"),
      h(
        "button",
        { type: "button", class: "secondary", onclick: () => onBuiltIn() },
        "Open the built-in view",
      ),
    ),
  );
  root.replaceChildren(screen);
  screen.querySelector("h1").focus();
}
