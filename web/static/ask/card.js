// The context waiting to go with the next message (session.js keeps it; the shortcut and
// `chatkit-desktop ask` fill it), shown above the composer in full, each part with a button
// that removes it before anything is sent. Used by the ChatKit mode and the built-in view.

import { getPendingContext, onPendingContextChange, setPendingContext } from "../session.js";
import { h } from "../lib/dom.js";

function without(context, part) {
  const rest = { ...context };
  delete rest[part];
  return rest;
}

function windowLabel({ title, app }) {
  if (title && app) return [h("strong", {}, title), ` — ${app}`];
  return [h("strong", {}, title || app)];
}

export class ContextCard {
  constructor() {
    this.element = h("section", {
      class: "context-card",
      "aria-label": "Context to send with your next message",
    });
    this.unsubscribe = onPendingContextChange((context) => this.render(context));
    this.render(getPendingContext());
  }

  stop() {
    this.unsubscribe();
  }

  render(context) {
    this.element.hidden = context === null;
    this.element.replaceChildren();
    if (context === null) return;
    this.element.append(h("p", { class: "context-card-label" }, "Sent with your next message:"));
    if (context.active_window) {
      this.element.append(
        this.part(
          "Remove the window",
          h("span", {}, "Window: ", ...windowLabel(context.active_window)),
          () => setPendingContext(without(context, "active_window")),
        ),
      );
    }
    if (context.selection) {
      // All of it: what is sent is exactly what is shown.
      this.element.append(
        this.part(
          "Remove the selected text",
          h(
            "span",
            {},
            "Selected text:",
            h("blockquote", { class: "context-card-selection", tabindex: "0" }, context.selection),
          ),
          () => setPendingContext(without(context, "selection")),
        ),
      );
    }
  }

  part(removeLabel, content, remove) {
    return h(
      "div",
      { class: "context-card-part" },
      content,
      h(
        "button",
        {
          type: "button",
          class: "secondary context-card-remove",
          "aria-label": removeLabel,
          title: removeLabel,
          onclick: remove,
        },
        "×",
      ),
    );
  }
}
