// Where the user writes. Enter sends, Shift+Enter starts a new line; nothing is sent while an
// answer is still arriving, and a message the server refused comes back to the box.

import { h } from "../lib/dom.js";

export class Composer {
  /** @param {{onSend: (text: string) => Promise<boolean>}} options resolves false if refused */
  constructor({ onSend }) {
    this.onSend = onSend;
    this.busy = false;
    this.input = h("textarea", {
      class: "hv-input",
      rows: "2",
      placeholder: "Write a message… (Enter sends, Shift+Enter for a new line)",
      "aria-label": "Message",
    });
    this.button = h("button", { type: "submit", class: "hv-send" }, "Send");
    this.element = h("form", { class: "hv-composer", "aria-label": "Write a message" }, this.input, this.button);
    this.element.addEventListener("submit", (event) => {
      event.preventDefault();
      this.send();
    });
    this.input.addEventListener("keydown", (event) => {
      // isComposing: Enter that confirms an IME composition is not a send.
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.send();
      }
    });
  }

  focus() {
    this.input.focus();
  }

  setBusy(busy) {
    this.busy = busy;
    this.button.disabled = busy;
    this.button.textContent = busy ? "Answering…" : "Send";
  }

  async send() {
    const text = this.input.value.trim();
    if (!text || this.busy) return;
    this.input.value = "";
    const accepted = await this.onSend(text);
    if (!accepted && !this.input.value) this.input.value = text;
    this.focus();
  }
}
