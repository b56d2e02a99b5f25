// One conversation: every item, read page after page until the last, the context shared with
// each message, and an answer streaming in. Items are keyed by id, so an item the stream sends
// again (added, then done, or replaced) is drawn again in its place.

import { h } from "../lib/dom.js";
import { threadItems } from "./api.js";
import { assistantText, renderAssistantBody, renderItem, renderSharedContext } from "./items.js";
import { UNTITLED } from "./thread-list.js";

// Small enough that the start of a long thread shows at once, the rest following page by page.
const PAGE_SIZE = 50;

export class ThreadView {
  /** @param {{onBack: () => void, onExport: (format: string) => void}} options */
  constructor({ onBack, onExport }) {
    this.threadId = null;
    this.items = new Map();
    this.contexts = new Map();
    this.pendingFrame = null;
    this.loadToken = null;
    // Changes whenever another thread (or none) is shown: a stream still running for the one
    // before must not draw into this one.
    this.generation = 0;

    this.title = h("h2", { class: "hv-thread-title", tabindex: "-1" }, "");
    this.exports = h(
      "div",
      { class: "hv-thread-actions", role: "group", "aria-label": "Export this conversation" },
      h("button", { type: "button", class: "secondary hv-small", onclick: () => onExport("md") }, "Export as Markdown"),
      h("button", { type: "button", class: "secondary hv-small", onclick: () => onExport("json") }, "Export as JSON"),
    );
    this.header = h(
      "header",
      { class: "hv-thread-head" },
      h("button", { type: "button", class: "secondary hv-small hv-back", onclick: () => onBack() }, "← Conversations"),
      this.title,
      this.exports,
    );
    this.log = h("div", { class: "hv-items", role: "log", "aria-label": "Messages" });
    this.status = h("p", { class: "hv-thread-status", role: "status" });
    this.element = h("section", { class: "hv-thread", "aria-label": "Conversation" }, this.header, this.log, this.status);
    this.showEmpty();
  }

  reset() {
    this.generation += 1;
    this.items.clear();
    this.contexts.clear();
    this.log.replaceChildren();
    this.status.replaceChildren();
  }

  /** No thread open: the next message starts a new one. */
  showEmpty() {
    this.threadId = null;
    this.loadToken = null;
    this.reset();
    this.title.textContent = "New conversation";
    this.exports.hidden = true;
    this.log.append(
      h("p", { class: "hv-empty" }, "Choose a conversation, or write below to start a new one. Answers appear here as they arrive."),
    );
  }

  /** A thread just created by the composer: shown at once, its items arrive by the stream. */
  startThread(thread) {
    this.threadId = thread.id;
    this.loadToken = null;
    this.reset();
    this.setTitle(thread.title);
    this.exports.hidden = false;
  }

  setTitle(title) {
    this.title.textContent = title || UNTITLED;
  }

  /**
   * Shows the thread, reading all its pages. With `highlightItemId`, scrolls to that item and
   * marks it once it is drawn. Resolves when the last page is in.
   */
  async open(threadId, { highlightItemId = null, title = null } = {}) {
    const token = Symbol(threadId);
    this.loadToken = token;
    this.threadId = threadId;
    this.reset();
    this.setTitle(title);
    this.exports.hidden = false;
    this.log.setAttribute("aria-busy", "true");
    this.status.textContent = "Loading…";
    let after = null;
    try {
      for (;;) {
        const page = await threadItems(threadId, { after, limit: PAGE_SIZE });
        if (this.loadToken !== token) return;
        this.setTitle(page.thread.title);
        for (const shared of page.shared_context) this.contexts.set(shared.message_id, shared);
        const fragment = document.createDocumentFragment();
        for (const item of page.data) {
          const element = this.draw(item);
          if (element) fragment.append(element);
        }
        this.log.append(fragment);
        for (const shared of page.shared_context) this.attachContext(shared.message_id);
        if (highlightItemId && this.items.has(highlightItemId)) {
          this.highlight(highlightItemId);
          highlightItemId = null;
        }
        if (!page.has_more || !page.after) break;
        after = page.after;
      }
      this.status.textContent = "";
      if (this.items.size === 0) this.log.append(h("p", { class: "hv-empty" }, "This conversation has no messages."));
    } catch (failure) {
      if (this.loadToken === token) this.status.textContent = `Could not load this conversation: ${failure.message}`;
    } finally {
      if (this.loadToken === token) this.log.removeAttribute("aria-busy");
    }
  }

  /** Makes the element for `item` and remembers it; null for items that show nothing. */
  draw(item) {
    const element = renderItem(item);
    if (element === null) return null;
    this.items.set(item.id, { item, element });
    return element;
  }

  attachContext(messageId) {
    const shared = this.contexts.get(messageId);
    const entry = this.items.get(messageId);
    if (!shared || !entry) return;
    entry.element.querySelector(".hv-context")?.remove();
    entry.element.append(renderSharedContext(shared, entry.item.quoted_text));
  }

  /** The context the composer sent with the message `messageId`. */
  setContext(messageId, shared) {
    this.contexts.set(messageId, shared);
    this.attachContext(messageId);
  }

  highlight(itemId) {
    const entry = this.items.get(itemId);
    if (!entry) return;
    for (const marked of this.log.querySelectorAll(".hv-highlight")) marked.classList.remove("hv-highlight");
    entry.element.classList.add("hv-highlight");
    entry.element.scrollIntoView({ block: "center" });
    entry.element.focus({ preventScroll: true });
  }

  /** An item from the stream: drawn, or drawn again in place of its earlier state. */
  upsertItem(item) {
    this.log.querySelector(".hv-empty")?.remove();
    const known = this.items.get(item.id);
    const element = renderItem(item);
    if (element === null) return;
    if (known) known.element.replaceWith(element);
    else this.log.append(element);
    this.items.set(item.id, { item, element });
    this.attachContext(item.id);
    this.scrollToEnd();
  }

  removeItem(itemId) {
    this.items.get(itemId)?.element.remove();
    this.items.delete(itemId);
  }

  /** A piece of an answer: appended to its content part, drawn at the next frame. */
  appendDelta(itemId, contentIndex, delta) {
    const entry = this.items.get(itemId);
    if (!entry || entry.item.type !== "assistant_message") return;
    const content = entry.item.content || (entry.item.content = []);
    while (content.length <= contentIndex) content.push({ type: "output_text", text: "", annotations: [] });
    content[contentIndex].text += delta;
    entry.element.setAttribute("aria-busy", "true");
    if (this.pendingFrame === null) {
      this.pendingFrame = requestAnimationFrame(() => {
        this.pendingFrame = null;
        for (const { item, element } of this.items.values()) {
          if (element.getAttribute("aria-busy") !== "true") continue;
          renderAssistantBody(element.querySelector(".hv-markdown"), assistantText(item));
          element.removeAttribute("aria-busy");
        }
        this.scrollToEnd();
      });
    }
  }

  /** Keeps the newest text in view, unless the user scrolled up to read. */
  scrollToEnd() {
    const distance = this.log.scrollHeight - this.log.scrollTop - this.log.clientHeight;
    if (distance < this.log.clientHeight / 2) this.log.scrollTop = this.log.scrollHeight;
  }

  /** A failure or notice from the stream, in words, after the last item. */
  showProblem(message, { kind = "error" } = {}) {
    this.log.querySelector(".hv-empty")?.remove();
    this.log.append(h("p", { class: `hv-problem ${kind}`, role: kind === "error" ? "alert" : "status" }, message));
    this.scrollToEnd();
  }

  showProgress(text) {
    this.status.textContent = text;
  }
}
