// The settings panel: a modal dialog reachable from ChatKit's header and from the built-in view.
// Everything is stored through /api/ (never in the browser), and takes effect on the next
// message without a restart. Esc or Close shuts it and gives focus back to where it was.
// Diagnostics start checking as soon as it opens, beside the settings, even when those fail.

import { loadSettings, loadStatus, saveSettings } from "./api.js";
import { h, uniqueId } from "../lib/dom.js";
import { diagnosticsSection } from "./diagnostics-section.js";
import { agentFields } from "./agent-section.js";
import { domainKeyField, endpointFields, modelField, sharingFields } from "./fields.js";
import { modelsField } from "./models-field.js";
import { createKeySection } from "./key-section.js";
import { loadShortcut, shortcutField } from "./shortcut-field.js";
import { mcpSection } from "./mcp-section.js";

let openPanel = null;

/**
 * Opens the settings panel, or focuses it when it is already open. Saved settings reach the
 * rest of the page through onSettingsChange() in ./api.js.
 */
export function openSettings() {
  // A dialog closed a moment ago is still here until its close event runs: only an open one counts.
  if (openPanel?.open) {
    openPanel.focus();
    return;
  }
  const returnFocus = document.activeElement;
  const titleId = uniqueId("settings-title");
  const diagnostics = diagnosticsSection();
  const body = h(
    "div",
    { class: "settings-body" },
    h("p", { class: "loading" }, "Loading…"),
    diagnostics.element,
  );
  const close = h("button", { type: "button", class: "secondary" }, "Close");
  const dialog = h(
    "dialog",
    { class: "settings", "aria-labelledby": titleId, tabindex: "-1" },
    h("header", {}, h("h2", { id: titleId }, "Settings"), close),
    body,
  );
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    dialog.remove();
    if (openPanel === dialog) openPanel = null;
    if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  openPanel = dialog;

  Promise.all([loadSettings(), loadStatus(), loadShortcut()]).then(
    ([settings, status, shortcut]) => {
      body.replaceChildren(...panelContent(settings, status, shortcut), diagnostics.element);
      dialog.querySelector("input:not([type=hidden])")?.focus();
    },
    (failure) => {
      const message = `Settings could not be loaded: ${failure.message}`;
      body.replaceChildren(
        h("p", { class: "notice error", role: "alert" }, message),
        diagnostics.element,
      );
      close.focus();
    },
  );
}

function panelContent(settings, status, shortcut) {
  const keySection = createKeySection({ status });
  const shortcutSection = shortcutField(settings, shortcut);
  const parts = [
    agentFields(settings),
    modelField(settings, status),
    modelsField(settings),
    endpointFields(settings, status),
    domainKeyField(settings),
    sharingFields(settings),
    shortcutSection,
  ];
  const result = h("p", { class: "save-result", role: "status" });
  const save = h("button", { type: "submit" }, "Save settings");
  const form = h(
    "form",
    {
      class: "settings-form",
      onsubmit: async (event) => {
        event.preventDefault();
        save.disabled = true;
        result.textContent = "";
        result.classList.remove("error");
        try {
          await saveSettings(Object.assign({}, ...parts.map((part) => part.changes())));
          result.textContent = "Saved. Your next message uses these settings.";
          await shortcutSection.refresh();
        } catch (failure) {
          result.textContent = `Not saved: ${failure.message}`;
          result.classList.add("error");
        } finally {
          save.disabled = false;
        }
      },
    },
    parts.map((part) => part.element),
    h("div", { class: "actions" }, save, result),
  );
  return [
    h("section", { class: "settings-section" }, h("h3", {}, "OpenAI API key"), keySection.element),
    h("section", { class: "settings-section" }, h("h3", {}, "Model and sharing"), form),
    h("section", { class: "settings-section" }, h("h3", {}, "Tools from MCP servers"), mcpSection(settings).element),
  ];
}
