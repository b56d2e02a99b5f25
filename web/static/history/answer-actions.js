// The built-in view's Copy and Insert buttons under an answer to an ask that captured a window:
// drawn from the same stored widget item ChatKit draws (its labels are the server's), and doing
// the same (lib/answer-actions.js). Copy says "Copied" on the button itself.

import { performAnswerAction } from "../lib/answer-actions.js";
import { h } from "../lib/dom.js";
import { showStatus } from "../lib/fading-status.js";

// The widget's id, as server/agent/answer_actions.py names it.
const ANSWER_ACTIONS_WIDGET = "answer-actions";
const LABEL_BACK_MS = 2000;

export function isAnswerActions(item) {
  return item.type === "widget" && item.widget?.id === ANSWER_ACTIONS_WIDGET;
}

function buttons(widget) {
  const found = [];
  const visit = (node) => {
    if (!node || typeof node !== "object") return;
    if (node.type === "Button" && node.onClickAction) found.push(node);
    for (const child of [].concat(node.children || [])) visit(child);
  };
  visit(widget);
  return found;
}

export function renderAnswerActions(item) {
  const status = h("span", { class: "hv-answer-status fading-status", role: "status" });
  const row = h("div", {
    class: "hv-answer-actions",
    "data-item-id": item.id,
    role: "group",
    "aria-label": "Use this answer",
  });
  for (const spec of buttons(item.widget)) {
    const button = h("button", { type: "button", class: spec.style === "primary" ? "" : "secondary" }, spec.label);
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        const done = await performAnswerAction(spec.onClickAction);
        if (done === "Copied") {
          button.textContent = "Copied";
          setTimeout(() => {
            button.textContent = spec.label;
          }, LABEL_BACK_MS);
        } else if (done !== null) {
          showStatus(status, done, { transient: true });
        }
      } catch (failure) {
        showStatus(status, failure.message);
      } finally {
        button.disabled = false;
      }
    });
    row.append(button);
  }
  row.append(status);
  return row;
}
