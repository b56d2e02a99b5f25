// The models the composer offers (GET /api/models), the default first: ChatKit's composer.models
// and the built-in view's model menu show the same list. The server asks an OpenAI-compatible
// endpoint for its names once; the page asks the server once, and again after a settings change.

import { apiJson } from "../session.js";
import { onSettingsChange } from "../settings/api.js";

let offered = null;

/** Resolves to [{id, label, default}], or to [] when the list cannot be had: no picker then,
 * and messages go to the settings' model as before. */
export function loadOfferedModels() {
  offered ??= apiJson("/api/models").then(
    (answer) => answer.models,
    () => [],
  );
  return offered;
}

/** The id a message should name: `chosen` while the list still has it, else the default. */
export function modelToSend(models, chosen) {
  if (models.some((model) => model.id === chosen)) return chosen;
  return models.find((model) => model.default)?.id ?? null;
}

onSettingsChange(() => {
  offered = null;
});
