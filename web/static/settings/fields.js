// The settings form's fields: model, endpoint, ChatKit domain key and what to share. Each
// builder returns its element and reads its own part of the changes to save.

import { h, uniqueId } from "../lib/dom.js";

export const OLLAMA_URL = "http://localhost:11434/v1";

/** A labelled text input with its hint: {element, input}. */
export function textField({ label, name, value, hint, placeholder, pattern, required = true }) {
  const id = uniqueId(name);
  const hintId = hint ? uniqueId(`${name}-hint`) : null;
  const input = h("input", {
    id,
    name,
    type: "text",
    value: value ?? "",
    placeholder,
    pattern,
    required,
    spellcheck: "false",
    autocomplete: "off",
    "aria-describedby": hintId,
  });
  const element = h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    input,
    hint ? h("p", { id: hintId, class: "hint" }, hint) : null,
  );
  return { element, input };
}

export function modelField(settings, status) {
  const overridden = status.endpoint.model_from_environment;
  const { element, input } = textField({
    label: "Model",
    name: "model",
    value: settings.model,
    hint: overridden
      ? `CHATKIT_DESKTOP_MODEL is set, so ${status.endpoint.model} is used whatever this says.`
      : "For example gpt-4.1-mini, or the name your local server gives its model (llama3.2).",
  });
  return { element, changes: () => ({ model: input.value.trim() }) };
}

const API_NAMES = { responses: "Responses API", chat_completions: "Chat Completions API" };

/** The endpoint answers come from now, and what decides it: the environment wins over the
 * choice below, which wins over OpenAI's own endpoint. */
function endpointInUse(endpoint) {
  const where = {
    environment: [
      ", set by the OPENAI_BASE_URL environment variable. It overrides the choice below; " +
        "change it where you set it.",
      "notice warning",
    ],
    setting: [", the server chosen below.", "hint"],
    default: [" (OpenAI).", "hint"],
  }[endpoint.source];
  return h(
    "p",
    { class: `endpoint-in-use ${where[1]}`, "data-testid": "endpoint-in-use" },
    "Answers come from ",
    h("code", {}, endpoint.url),
    where[0],
  );
}

export function endpointFields(settings, status) {
  const name = uniqueId("endpoint");
  const openai = h("input", { type: "radio", name, value: "openai", id: `${name}-openai` });
  const custom = h("input", { type: "radio", name, value: "custom", id: `${name}-custom` });
  const url = textField({
    label: "Server address",
    name: "base_url",
    value: settings.base_url ?? "",
    placeholder: OLLAMA_URL,
    hint: `Ollama: ${OLLAMA_URL}. Such servers usually need no API key.`,
  });
  const flavorId = uniqueId("api-flavor");
  const flavorHintId = uniqueId("api-flavor-hint");
  const flavor = h(
    "select",
    { id: flavorId, name: "api_flavor", "aria-describedby": flavorHintId },
    h("option", { value: "auto" }, "Automatic"),
    h("option", { value: "responses" }, "Responses API"),
    h("option", { value: "chat_completions" }, "Chat Completions API"),
  );
  flavor.value = settings.api_flavor;
  (settings.base_url ? custom : openai).checked = true;

  function sync() {
    url.input.disabled = !custom.checked;
    url.input.required = custom.checked;
  }
  openai.addEventListener("change", sync);
  custom.addEventListener("change", sync);
  sync();

  const element = h(
    "fieldset",
    { class: "endpoint" },
    h("legend", {}, "Model endpoint"),
    endpointInUse(status.endpoint),
    h("div", { class: "choice" }, openai, h("label", { for: openai.id }, "OpenAI")),
    h(
      "div",
      { class: "choice" },
      custom,
      h("label", { for: custom.id }, "An OpenAI-compatible server (Ollama, LM Studio, vLLM)"),
    ),
    url.element,
    h(
      "div",
      { class: "field" },
      h("label", { for: flavorId }, "API"),
      flavor,
      h(
        "p",
        { id: flavorHintId, class: "hint" },
        `Automatic uses the Responses API for OpenAI and Chat Completions for other servers; ` +
          `now: ${API_NAMES[status.endpoint.api]}.`,
      ),
    ),
  );
  return {
    element,
    changes: () => ({
      base_url: custom.checked ? url.input.value.trim() || null : null,
      api_flavor: flavor.value,
    }),
  };
}

export function domainKeyField(settings) {
  const { element, input } = textField({
    label: "ChatKit domain key",
    name: "domain_key",
    value: settings.domain_key,
    hint: "Only needed if OpenAI asks for a registered domain; the default suits a page on this computer.",
  });
  return { element, changes: () => ({ domain_key: input.value.trim() }) };
}

const SHARING = [
  ["share_user_name", "Your name, from this computer's account"],
  ["share_active_window", "The window you were in: its title and application"],
  ["share_selection", "The text you had selected"],
  // The search_conversations tool: passages of other conversations, when the model asks.
  ["search_conversations_tool", "Your earlier conversations, when the assistant searches them"],
];

export function sharingFields(settings) {
  const boxes = SHARING.map(([name, label]) => {
    const id = uniqueId(name);
    const box = h("input", { id, name, type: "checkbox" });
    box.checked = settings[name];
    return { name, box, element: h("div", { class: "choice" }, box, h("label", { for: id }, label)) };
  });
  const element = h(
    "fieldset",
    { class: "sharing" },
    h("legend", {}, "Send with your messages"),
    boxes.map((entry) => entry.element),
  );
  return {
    element,
    changes: () => Object.fromEntries(boxes.map(({ name, box }) => [name, box.checked])),
  };
}
