// The built-in conversation view: every saved conversation, search across them, exports, and a
// composer that talks to the same /chatkit server ChatKit uses. It needs nothing from the
// network beyond our own server, so it is what the app shows when ChatKit cannot load.
//
// A shortcut ask starts a new conversation; the context card offers to add it to the thread that
// was open instead. Stop ends an answer as it streams; a failed answer can be asked for again.
//
// Keys: / or Ctrl+F search (Ctrl+K and Ctrl+Shift+F too, through main.js); arrows move through
// the list or the results; Enter opens; F2 renames; Delete deletes; Esc closes the search (or,
// on a narrow window, the open thread).

import { ContextCard } from "../ask/card.js";
import { h } from "../lib/dom.js";
import { showStatus } from "../lib/fading-status.js";
import { icon, iconButton } from "../lib/icons.js";
import { toggleMenu } from "../lib/menu.js";
import { deleteAttachment } from "./api.js";
import { TOOL_DECISION_EVENT } from "./approval-widget.js";
import { actionAndStream, retryAndStream, sendAndStream } from "./chat.js";
import { Composer } from "./composer.js";
import { downloadExport } from "./export.js";
import { snippetWords } from "./found-words.js";
import { SearchPanel } from "./search.js";
import { loadHistoryStylesheet } from "./stylesheet.js";
import { ThreadList } from "./thread-list.js";
import { ThreadView } from "./thread-view.js";
import { OPEN_THREAD_EVENT } from "./widget-item.js";

// Below this width the list and the thread take turns in the whole window.
const NARROW = "(max-width: 700px)";

let current = null;

class HistoryView {
  constructor(root, { reason = null, onRetry = () => {}, onOpenSettings = () => {} } = {}) {
    this.root = root;
    this.narrow = window.matchMedia(NARROW);
    this.status = h("p", { class: "hv-bar-status fading-status", role: "status" });
    // The answer streaming now, if any: aborting it is what Stop does.
    this.answering = null;

    this.list = new ThreadList({
      dialogHost: root,
      onOpen: (thread) => this.openThread(thread.id, { title: thread.title }),
      onExport: (threadId, format) => this.export(format, threadId),
      onDeleted: (threadId) => {
        if (this.thread.threadId === threadId) this.newConversation({ focus: false });
      },
      onRenamed: (thread) => {
        if (this.thread.threadId === thread.id) this.thread.setTitle(thread.title);
      },
    });
    this.search = new SearchPanel({
      onOpen: (hit) =>
        this.openThread(hit.thread_id, {
          highlightItemId: hit.item_id,
          words: snippetWords(hit.snippet),
          title: hit.thread_title,
        }),
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
      onStop: () => this.answering?.abort(),
      onSend: (text, attachmentIds) => {
        // The ask's choice is made: the message goes where the view shows.
        this.contextCard.setDestination(null);
        return this.whileAnswering((parts) => sendAndStream(parts, text, attachmentIds));
      },
    });

    this.element = h(
      "div",
      // A row of what search_conversations found (widget-item.js) opens its thread.
      {
        class: "hv",
        "data-pane": "list",
        [`on${OPEN_THREAD_EVENT}`]: (event) => this.openThread(event.detail.threadId),
        // Allow or Deny on a tool call waiting for approval (approval-widget.js).
        [`on${TOOL_DECISION_EVENT}`]: (event) => this.decideToolCall(event),
      },
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
        iconButton("plus", "New conversation", {
          class: "hv-new",
          onclick: () => this.newConversation({ focus: true }),
        }),
        iconButton("settings", "Settings", { onclick: () => onOpenSettings() }),
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
          h("footer", { class: "hv-side-foot" }, this.exportAllButton()),
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

  /**
   * Runs one answer (`stream` gets the parts chat.js needs) with the composer showing Stop;
   * once it ends, its thread moves to the top of the list.
   */
  async whileAnswering(stream) {
    const controller = new AbortController();
    this.answering = controller;
    this.composer.setBusy(true);
    let answered = this.thread.threadId;
    try {
      return await stream({
        view: this.thread,
        signal: controller.signal,
        onThread: (thread, created) => {
          this.list.upsert(thread, { toTop: created });
          if (created) answered = thread.id;
          if (created && this.thread.threadId === thread.id) this.list.setActive(thread.id);
        },
        onRetry: (target) => this.retry(target),
      });
    } finally {
      if (this.answering === controller) this.answering = null;
      this.composer.setBusy(false);
      if (answered) this.list.touch(answered);
    }
  }

  retry(target) {
    if (this.answering) return;
    this.whileAnswering((parts) => retryAndStream(parts, target));
  }

  /** Allow or Deny: sent unless an answer is streaming; the card's buttons come back if not sent. */
  async decideToolCall(event) {
    const buttons = event.target.parentElement.querySelectorAll("button");
    const sent = !this.answering && (await this.whileAnswering((parts) => actionAndStream(parts, event.detail)));
    if (sent) return;
    for (const button of buttons) button.disabled = false;
  }

  /**
   * An ask (the shortcut, `chatkit-desktop ask`) with something to share: a new conversation,
   * the card offering to add to the thread that was open instead.
   */
  startAsk() {
    const previous = this.thread.threadId
      ? { id: this.thread.threadId, title: this.thread.title.textContent }
      : this.contextCard.destination?.previous;
    if (!this.answering) this.newConversation({ focus: false, keepDestination: true });
    if (previous && !this.answering) {
      const choice = {
        previous,
        title: previous.title,
        addToThread: false,
        onChange: (addToThread) => {
          if (addToThread) this.openThread(previous.id, { title: previous.title, keepDestination: true });
          else this.newConversation({ focus: false, keepDestination: true });
          this.composer.focus();
        },
      };
      this.contextCard.setDestination(choice);
    }
    this.focusComposer();
  }

  openThread(threadId, { keepDestination = false, ...options } = {}) {
    if (!keepDestination) this.contextCard.setDestination(null);
    this.list.setActive(threadId);
    this.showPane("thread");
    return this.thread.open(threadId, options);
  }

  newConversation({ focus, keepDestination = false }) {
    if (!keepDestination) this.contextCard.setDestination(null);
    this.list.setActive(null);
    this.thread.showEmpty();
    this.showPane("thread");
    if (focus) this.composer.focus();
  }

  focusComposer() {
    this.showPane("thread");
    this.composer.focus();
  }

  /** "Export all" in the list's foot: a menu of the two formats. */
  exportAllButton() {
    const button = h(
      "button",
      { type: "button", class: "secondary hv-small hv-export-all", "aria-haspopup": "menu", "aria-expanded": "false", title: "Export every conversation" },
      icon("export"),
      h("span", {}, "Export all"),
    );
    button.addEventListener("click", () =>
      toggleMenu(
        button,
        [
          { label: "Export all as Markdown", icon: "export", onSelect: () => this.export("md", null) },
          { label: "Export all as JSON", icon: "export", onSelect: () => this.export("json", null) },
        ],
        { label: "Export every conversation" },
      ),
    );
    return button;
  }

  async export(format, threadId) {
    showStatus(this.status, "Preparing the export…");
    try {
      const name = await downloadExport(format, threadId);
      showStatus(this.status, `Exported ${name}`, { transient: true });
    } catch (failure) {
      showStatus(this.status, `Export failed: ${failure.message}`);
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

/** An ask arrived with context to share: a new conversation, with the choice to add it to the
 * thread that was open. */
export function startAsk() {
  if (current === null || !current.root.isConnected) return false;
  current.startAsk();
  return true;
}

/** Shows the composer and gives it the keyboard, e.g. after the shortcut filled the context. */
export function focusComposer() {
  if (current === null || !current.root.isConnected) return false;
  current.focusComposer();
  return true;
}

