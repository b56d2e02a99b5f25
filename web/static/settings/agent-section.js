// Settings → Agent: this app's own agent, or an Agent Builder workflow hosted by OpenAI (its id
// and, optionally, a version). Saving switches the page's ChatKit at once (main.js).

import { h, uniqueId } from "../lib/dom.js";
import { textField } from "./fields.js";

const WORKFLOW_ID_PATTERN = "wf_[A-Za-z0-9]+";

function input(label, options) {
  const { element, input: field } = textField({ label, ...options, required: false });
  return { element, field };
}

export function agentFields(settings) {
  const name = uniqueId("agent");
  const local = h("input", { type: "radio", name, value: "local", id: `${name}-local` });
  const workflow = h("input", { type: "radio", name, value: "workflow", id: `${name}-workflow` });
  (settings.agent === "workflow" ? workflow : local).checked = true;
  const workflowId = input("Workflow id", {
    name: "workflow_id",
    value: settings.workflow_id,
    pattern: WORKFLOW_ID_PATTERN,
    placeholder: "wf_…",
    hint: "From Agent Builder's Publish dialog. It runs with your OpenAI API key, which stays in the keyring.",
  });
  const version = input("Version", {
    name: "workflow_version",
    value: settings.workflow_version,
    pattern: "[A-Za-z0-9._\\-]+",
    placeholder: "latest",
    hint: "Empty for the latest published version.",
  });

  function sync() {
    for (const field of [workflowId.field, version.field]) field.disabled = !workflow.checked;
    workflowId.field.required = workflow.checked;
  }
  local.addEventListener("change", sync);
  workflow.addEventListener("change", sync);
  sync();

  const element = h(
    "fieldset",
    { class: "agent" },
    h("legend", {}, "Agent"),
    h("div", { class: "choice" }, local, h("label", { for: local.id }, "This app's agent")),
    h(
      "div",
      { class: "choice" },
      workflow,
      h("label", { for: workflow.id }, "An Agent Builder workflow, hosted by OpenAI"),
    ),
    workflowId.element,
    version.element,
    h(
      "p",
      { class: "hint" },
      "OpenAI knows this computer by a random id, never your login. Your name reaches the " +
        "workflow (as user_name) only if you share it below. Its conversations are copied " +
        "here for reading offline.",
    ),
  );
  return {
    element,
    changes: () =>
      workflow.checked
        ? {
            agent: "workflow",
            workflow_id: workflowId.field.value.trim(),
            workflow_version: version.field.value.trim(),
          }
        : { agent: "local" },
  };
}
