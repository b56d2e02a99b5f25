// The built-in view's model menu: the list ChatKit's composer offers (lib/models.js), sent as
// the message's inference_options.model as ChatKit sends it. A pick holds for every message sent
// from the view until changed; with one model or none there is nothing to choose and no menu.

import { h } from "../lib/dom.js";
import { loadOfferedModels, modelToSend } from "../lib/models.js";
import { onSettingsChange } from "../settings/api.js";

let models = [];
let picked = null;

/** The menu, filled once the list is known (asking an endpoint for it may take a moment). */
export function createModelPicker() {
  const menu = h("select", { class: "hv-model", "aria-label": "Model", hidden: true });
  menu.addEventListener("change", () => {
    picked = menu.value;
  });
  const fill = async () => {
    models = await loadOfferedModels();
    const shown = modelToSend(models, picked);
    menu.replaceChildren(...models.map((model) => h("option", { value: model.id }, model.label)));
    if (shown) menu.value = shown;
    menu.hidden = models.length < 2;
  };
  fill();
  // The list depends on the model, the endpoint and the models setting. A menu taken off the
  // page (its view gone) stops listening, so that it can be collected.
  const unsubscribe = onSettingsChange(() => {
    if (menu.isConnected) fill();
    else unsubscribe();
  });
  return menu;
}

/** What the next message sends as inference_options: the model picked, or the default. */
export function inferenceOptions() {
  const model = modelToSend(models, picked);
  return model ? { model } : {};
}
