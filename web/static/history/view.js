// The built-in conversation view: every saved conversation, search across them, exports, and a
// composer that talks to the same /chatkit server ChatKit uses. It needs nothing from the
// network beyond our own server, so it is what the app shows when ChatKit cannot load.
//
// Keys: / or Ctrl+F search (Ctrl+K and Ctrl+Shift+F too, through main.js); arrows move through
// the list or the results; Enter opens; F2 renames; Delete deletes; Esc closes the search (or,
// on a narrow window, the open thread).

import { ContextCard } from "../ask/card.js";
import { h } from "../lib/dom.js";
import { deleteAttachment } from "./api.js";
import { sendAndStream } from "./chat.js";
import { Composer } from "./composer.js";
import { downloadExport } from "./export.js";
import { SearchPanel } from "./search.js";
import { loadHistoryStylesheet } from "./stylesheet.js";
import { ThreadList } from "./thread-list.js";
import { ThreadView } from "./thread-view.js";

// Below this width the list and the thread take turns in the whole window.
const NARROW = "(max-width: 700px)";

let current = null;

class HistoryView {
  constructor(root, { reason = null, onRetry = () => {}, onOpenSettings = () => {} } = {}) {
    this.root = root;
    this.narrow = window.matchMedia(NARROW);
    this.status = h("p", { class: "hv-bar-status", role: "status" });

    this.list = new ThreadList({
      dialogHost: root,
      onOpen: (thread) => this.openThread(thread.id, { title: thread.title }),
      onDeleted: (threadId) => {
        if (this.thread.threadId === threadId) this.newConversation({ focus: false });
      },
      onRenamed: (thread) => {
        if (this.thread.threadId === thread.id) this.thread.setTitle(thread.title);
      },
    });
    this.search = new SearchPanel({
      onOpen: (hit) => this.openThread(hit.thread_id, { highlightItemId: hit.item_id, title: hit.thread_title }),
      onActiveChange: (active) => {
        this.list.element.hidden = active;
        if (active) this.showPane("list");
      },
    });
    this.thread = new ThreadView({
      onBack: () => this.showPane("list", { focus: true }),
      onExport: (format) => this.export(format, this.thread.threadId),
    });
    this.contextCard = new ContextCard();
    this.composer = new Composer({
      onRemoveAttachment: (attachmentId) => deleteAttachment(attachmentId).catch(() => {}),
      onSend: async (text, attachmentIds) => {
        this.composer.setBusy(true);
        try {
          return await sendAndStream(
            {
              view: this.thread,
              onThread: (thread, created) => {
                this.list.upsert(thread, { toTop: created });
                if (created && this.thread.threadId === thread.id) this.list.setActive(thread.id);
              },
            },
            text,
            attachmentIds,
          );
        } finally {
          this.composer.setBusy(false);
        }
      },
    });

    this.element = h(
      "div",
      { class: "hv", "data-pane": "list" },
      reason
        ? h(
            "div",
            { class: "hv-notice", role: "status" },
            h("p", { class: "handover-reason" }, reason),
            h("button", { type: "button", class: "secondary hv-small", onclick: () => onRetry() }, "Try ChatKit again"),
          )
        : null,
      h(
        "header",
        { class: "hv-bar" },
        this.search.input,
        h("button", { type: "button", class: "hv-small", onclick: () => this.newConversation({ focus: true }) }, "New conversation"),
        h("button", { type: "button", class: "secondary hv-small", onclick: () => onOpenSettings() }, "Settings"),
        this.status,
      ),
      h(
        "div",
        { class: "hv-body" },
        h(
          "div",
          { class: "hv-side" },
          this.search.element,
          this.list.element,
          h(
            "footer",
            { class: "hv-side-foot", role: "group", "aria-label": "Export every conversation" },
            h("span", { "aria-hidden": "true" }, "Export all:"),
            h(
              "button",
              { type: "button", class: "secondary hv-small", "aria-label": "Export all as Markdown", onclick: () => this.export("md", null) },
              "Markdown",
            ),
            h(
              "button",
              { type: "button", class: "secondary hv-small", "aria-label": "Export all as JSON", onclick: () => this.export("json", null) },
              "JSON",
            ),
          ),
        ),
        h("div", { class: "hv-main" }, this.thread.element, this.contextCard.element, this.composer.element),
      ),
    );
    this.onKeyDown = (event) => this.handleKey(event);
    document.addEventListener("keydown", this.onKeyDown);
    root.replaceChildren(this.element);
    this.list.start();
  }

  destroy() {
    document.removeEventListener("keydown", this.onKeyDown);
    this.list.stop();
    this.contextCard.stop();
  }

  showPane(pane, { focus = false } = {}) {
    this.element.dataset.pane = pane;
    if (!focus) return;
    if (pane === "list") this.list.focus();
    else this.thread.title.focus();
  }

  openThread(threadId, options) {
    this.list.setActive(threadId);
    this.showPane("thread");
    return this.thread.open(threadId, options);
  }

  newConversation({ focus }) {
    this.list.setActive(null);
    this.thread.showEmpty();
    this.showPane("thread");
    if (focus) this.composer.focus();
  }

  focusComposer() {
    this.showPane("thread");
    this.composer.focus();
  }

  async export(format, threadId) {
    this.status.textContent = "Preparing the export…";
    try {
      const name = await downloadExport(format, threadId);
      this.status.textContent = `Exported ${name}`;
    } catch (failure) {
      this.status.textContent = `Export failed: ${failure.message}`;
    }
  }

  handleKey(event) {
    if (!this.root.isConnected || !this.root.contains(this.element)) {
      // The page took the view away (ChatKit started after all): stop listening.
      this.destroy();
      return;
    }
    // A dialog (ours or the settings panel) has the keyboard to itself.
    if (event.defaultPrevented || document.querySelector("dialog[open]")) return;
    const typing = event.target.closest?.("input, textarea, select, [contenteditable]");
    const modified = event.altKey || event.ctrlKey || event.metaKey;
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "f") {
      event.preventDefault();
      this.showPane("list");
      this.search.focus();
    } else if (event.key === "/" && !typing && !modified) {
      event.preventDefault();
      this.showPane("list");
      this.search.focus();
    } else if (event.key === "Escape" && !modified) {
      if (this.search.active || event.target === this.search.input) {
        event.preventDefault();
        this.search.clear();
        this.list.focus();
      } else if (this.narrow.matches && this.element.dataset.pane === "thread") {
        event.preventDefault();
        this.showPane("list", { focus: true });
      }
    }
  }
}

/**
 * Mounts the view in `root`, replacing its content.
 * @param {HTMLElement} root
 * @param {{reason: string|null, onRetry: () => void, onOpenSettings: () => void}} options
 *   With a reason (why ChatKit could not start), it is shown at the top beside a button that
 *   calls onRetry.
 * @returns {Promise<void>} once the view shows (styled), so it can take the focus.
 */
export async function mountHistoryView(root, options = {}) {
  current?.destroy();
  current = new HistoryView(root, options);
  const view = current.element;
  view.hidden = true;
  await loadHistoryStylesheet();
  view.hidden = false;
}

/** Shows the search box and gives it the keyboard: Ctrl+K while the view is what shows. */
export function focusSearch() {
  if (current === null || !current.root.isConnected) return false;
  current.showPane("list");
  current.search.focus();
  return true;
}

/** Shows the composer and gives it the keyboard, e.g. after the shortcut filled the context. */
export function focusComposer() {
  if (current === null || !current.root.isConnected) return false;
  current.focusComposer();
  return true;
}

