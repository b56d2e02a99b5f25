// Where the user writes. Enter sends, Shift+Enter starts a new line; the box grows with its
// text up to about eight lines, then scrolls. While an answer is arriving, Send becomes Stop
// (the same place and size), which ends the answer; a message the server refused comes back to
// the box.
//
// Files come by the attach button, by dropping them on the composer or by pasting them; each
// is uploaded at once (lib/attachments.js) and shown as a chip with a remove button. Sending
// waits for no upload: the button says so until every chip is ready or removed.

import { ACCEPTED_TYPES, uploadAttachment } from "../lib/attachments.js";
import { h } from "../lib/dom.js";
import { iconButton, setIconButton } from "../lib/icons.js";
import { createModelPicker } from "./model-picker.js";

// The box's height stops growing at this many lines of text.
const MAX_LINES = 8;

const ACCEPT = Object.entries(ACCEPTED_TYPES)
  .flatMap(([type, extensions]) => [type, ...extensions])
  .join(",");

class AttachmentChip {
  constructor(file, { onRemove, onSettled }) {
    this.file = file;
    this.attachment = null;
    this.failed = false;
    this.state = h("span", { class: "hv-chip-state" }, "Uploading…");
    this.element = h(
      "li",
      { class: "hv-chip", "data-state": "uploading" },
      h("span", { class: "hv-chip-name" }, file.name),
      this.state,
      h(
        "button",
        { type: "button", class: "hv-chip-remove", "aria-label": `Remove ${file.name}`, onclick: () => onRemove(this) },
        "×",
      ),
    );
    this.done = uploadAttachment(file).then(
      (attachment) => {
        this.attachment = attachment;
        this.element.dataset.state = "ready";
        this.state.textContent = "";
      },
      (failure) => {
        this.failed = true;
        this.element.dataset.state = "failed";
        this.state.textContent = `Not attached: ${failure.message}`;
      },
    );
    this.done.then(onSettled);
  }

  get uploading() {
    return this.attachment === null && !this.failed;
  }
}

export class Composer {
  /**
   * @param {{onSend: (text: string, attachmentIds: string[]) => Promise<boolean>,
   *   onStop: () => void, onRemoveAttachment: (attachmentId: string) => void}} options onSend
   *   resolves false if refused; onStop ends the answer arriving; onRemoveAttachment is told
   *   of an uploaded file the user took off the message
   */
  constructor({ onSend, onStop, onRemoveAttachment }) {
    this.onSend = onSend;
    this.onStop = onStop;
    this.onRemoveAttachment = onRemoveAttachment;
    this.busy = false;
    this.chips = [];
    this.input = h("textarea", {
      class: "hv-input",
      rows: "1",
      placeholder: "Write a message…",
      title: "Enter sends, Shift+Enter starts a new line",
      "aria-label": "Message",
    });
    this.input.addEventListener("input", () => this.fitHeight());
    this.button = iconButton("send", "Send", { class: "hv-send", type: "submit", "aria-keyshortcuts": "Enter" });
    this.button.addEventListener("click", (event) => {
      if (!this.busy) return;
      event.preventDefault();
      this.onStop();
    });
    this.picker = h("input", { type: "file", multiple: true, accept: ACCEPT, hidden: true, "aria-label": "Files to attach" });
    this.attachButton = iconButton("attach", "Attach files", { class: "hv-attach", onclick: () => this.picker.click() });
    this.chipList = h("ul", { class: "hv-chips", "aria-label": "Attached files", hidden: true });
    this.element = h(
      "form",
      { class: "hv-composer", "aria-label": "Write a message" },
      this.chipList,
      h("div", { class: "hv-composer-box" }, this.picker, this.attachButton, this.input, createModelPicker(), this.button),
    );
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
    this.picker.addEventListener("change", () => {
      this.addFiles(this.picker.files);
      // The same file chosen again is a new change.
      this.picker.value = "";
    });
    this.input.addEventListener("paste", (event) => {
      const files = event.clipboardData?.files;
      if (files && files.length > 0) {
        event.preventDefault();
        this.addFiles(files);
      }
    });
    const carriesFiles = (event) => event.dataTransfer?.types.includes("Files");
    this.element.addEventListener("dragover", (event) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      this.element.classList.add("hv-dropping");
    });
    this.element.addEventListener("dragleave", () => this.element.classList.remove("hv-dropping"));
    this.element.addEventListener("drop", (event) => {
      this.element.classList.remove("hv-dropping");
      if (!carriesFiles(event)) return;
      event.preventDefault();
      this.addFiles(event.dataTransfer.files);
    });
  }

  focus() {
    this.input.focus();
  }

  /** As tall as its text, up to MAX_LINES lines; beyond that it scrolls. */
  fitHeight() {
    const style = getComputedStyle(this.input);
    const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4;
    const frame =
      parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) + parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
    const limit = line * MAX_LINES + frame;
    this.input.style.height = "auto";
    const wanted = this.input.scrollHeight + parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
    this.input.style.height = `${Math.min(wanted, limit)}px`;
    this.input.style.overflowY = wanted > limit ? "auto" : "hidden";
  }

  setBusy(busy) {
    this.busy = busy;
    this.updateButton();
  }

  addFiles(files) {
    for (const file of files) {
      const chip = new AttachmentChip(file, {
        onRemove: (removed) => this.removeChip(removed),
        onSettled: () => this.updateButton(),
      });
      this.chips.push(chip);
      this.chipList.append(chip.element);
    }
    this.chipList.hidden = this.chips.length === 0;
    this.updateButton();
  }

  removeChip(chip) {
    this.chips = this.chips.filter((each) => each !== chip);
    chip.element.remove();
    this.chipList.hidden = this.chips.length === 0;
    // One still uploading is deleted once the server has it, rather than left for a day.
    chip.done.then(() => {
      if (chip.attachment) this.onRemoveAttachment(chip.attachment.id);
    });
    this.updateButton();
    this.focus();
  }

  updateButton() {
    const uploading = this.chips.some((chip) => chip.uploading);
    this.button.disabled = !this.busy && uploading;
    this.button.classList.toggle("hv-stop", this.busy);
    if (this.busy) setIconButton(this.button, "stop", "Stop");
    else setIconButton(this.button, "send", uploading ? "Send (waiting for the files to upload)" : "Send");
  }

  async send() {
    const text = this.input.value.trim();
    if (!text || this.busy || this.button.disabled) return;
    const sent = this.chips.filter((chip) => chip.attachment);
    this.input.value = "";
    this.fitHeight();
    const accepted = await this.onSend(
      text,
      sent.map((chip) => chip.attachment.id),
    );
    if (accepted) {
      // The failed ones go too: they were never part of the message.
      for (const chip of this.chips) chip.element.remove();
      this.chips = [];
      this.chipList.hidden = true;
      this.updateButton();
    } else if (!this.input.value) {
      this.input.value = text;
      this.fitHeight();
    }
    this.focus();
  }
}
