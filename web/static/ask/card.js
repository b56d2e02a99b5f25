// The context waiting to go with the next message (session.js keeps it; the shortcut and
// `chatkit-desktop ask` fill it), shown above the composer in full, each part with a button
// that removes it before anything is sent. Used by the ChatKit mode and the built-in view.
//
// An ask starts a new conversation (as ChatGPT's companion window does); when a conversation
// was open, the card offers to add the message to it instead (setDestination).

import { getPendingContext, onPendingContextChange, setPendingContext } from "../session.js";
import { h, uniqueId } from "../lib/dom.js";

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
    this.destination = null;
    this.unsubscribe = onPendingContextChange((context) => {
      // Sent or emptied: the choice of where it goes is over too.
      if (context === null) this.destination = null;
      this.render(context);
    });
    this.render(getPendingContext());
  }

  stop() {
    this.unsubscribe();
  }

  /**
   * Offers where the next message goes: a new conversation (the default) or the one that was
   * open; null takes the choice away.
   * @param {{title: string, addToThread: boolean, onChange: (addToThread: boolean) => void}|null}
   *   choice
   */
  setDestination(choice) {
    this.destination = choice;
    this.render(getPendingContext());
  }

  destinationChoice() {
    const choice = this.destination;
    const name = uniqueId("ask-destination");
    const option = (label, addToThread) =>
      h(
        "label",
        { class: "context-card-destination-option" },
        h("input", {
          type: "radio",
          name,
          checked: choice.addToThread === addToThread,
          onchange: () => {
            choice.addToThread = addToThread;
            choice.onChange(addToThread);
          },
        }),
        h("span", {}, label),
      );
    return h(
      "div",
      { class: "context-card-destination", role: "radiogroup", "aria-label": "Send to" },
      h("span", { class: "context-card-destination-label", "aria-hidden": "true" }, "Send to:"),
      option("New conversation", false),
      option(`Add to “${choice.title}”`, true),
    );
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
    if (this.destination) this.element.append(this.destinationChoice());
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
