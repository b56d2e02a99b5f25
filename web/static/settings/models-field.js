// The settings form's "Models in the composer" field: the `models` setting, the names the
// composer's model menu offers besides the model above, written with commas between them.
// Empty leaves the choice to the app: a few of OpenAI's models, or what an OpenAI-compatible
// endpoint lists.

import { textField } from "./fields.js";

export function modelsField(settings) {
  const { element, input } = textField({
    label: "Models in the composer's menu",
    name: "models",
    value: (settings.models || []).join(", "),
    placeholder: "Chosen for your endpoint",
    required: false,
    hint:
      "Names separated by commas, e.g. llama3.2, qwen2.5:7b. Empty: a few of OpenAI's models, " +
      "or the models your server lists.",
  });
  const changes = () => ({
    models: input.value
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== ""),
  });
  return { element, changes };
}
