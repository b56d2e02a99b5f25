// The context waiting to go with the next message (session.js keeps it; the hotkey fills it),
// shown above the composer with a button to remove each part before sending.

import { h } from "../settings/dom.js";
import { getPendingContext, onPendingContextChange, setPendingContext } from "../session.js";

// Enough of a selection to recognise it; the whole of it is sent.
const PREVIEW_CHARACTERS = 280;

function without(context, part) {
  const rest = { ...context };
  delete rest[part];
  return rest;
}

export class ContextCard {
  constructor() {
    this.element = h("section", { class: "hv-pending", "aria-label": "Context to send with your next message" });
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
    this.element.append(h("p", { class: "hv-pending-label" }, "Sent with your next message:"));
    const shown = context.active_window;
    if (shown) {
      this.element.append(
        this.part(
          "Remove the window",
          h("span", {}, "Window: ", h("strong", {}, shown.title || shown.app || ""), shown.title && shown.app ? ` — ${shown.app}` : ""),
          () => setPendingContext(without(context, "active_window")),
        ),
      );
    }
    if (context.selection) {
      const text = context.selection;
      const preview = text.length > PREVIEW_CHARACTERS ? `${text.slice(0, PREVIEW_CHARACTERS)}…` : text;
      this.element.append(
        this.part(
          "Remove the selected text",
          h("span", {}, "Selected text: ", h("q", { class: "hv-pending-selection" }, preview)),
          () => setPendingContext(without(context, "selection")),
        ),
      );
    }
  }

  part(removeLabel, content, remove) {
    return h(
      "div",
      { class: "hv-pending-part" },
      content,
      h("button", { type: "button", class: "secondary hv-small", "aria-label": removeLabel, title: removeLabel, onclick: remove }, "×"),
    );
  }
}
