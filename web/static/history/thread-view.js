// One conversation: every item, read page after page until the last, the context shared with
// each message, and an answer streaming in. Items are keyed by id, so an item the stream sends
// again (added, then done, or replaced) is drawn again in its place.
//
// The reading position is kept across a resize of the window: the first message in view stays
// where it was (or the end stays in view, when the reader was there). A search hit opens with
// its message at the top of the view and the words found marked in it.

import { h } from "../lib/dom.js";
import { iconButton } from "../lib/icons.js";
import { toggleMenu } from "../lib/menu.js";
import { threadItems } from "./api.js";
import { markWords } from "./found-words.js";
import { assistantText, renderAssistantBody, renderItem, renderSharedContext } from "./items.js";
import { UNTITLED } from "./thread-list.js";
import { hostedNotice } from "./hosted.js";

// Small enough that the start of a long thread shows at once, the rest following page by page.
const PAGE_SIZE = 50;
// Room above a message scrolled to the top, so it does not touch the header.
const ITEM_TOP_MARGIN = 12;
// Within this many pixels of the end counts as reading the end.
const END_SLACK = 24;

export class ThreadView {
  /** @param {{onBack: () => void, onExport: (format: string) => void}} options */
  constructor({ onBack, onExport }) {
    // The first message in view and how far its top is above the view's, for resizes.
    this.anchor = null;
    this.threadId = null;
    this.items = new Map();
    this.contexts = new Map();
    this.pendingFrame = null;
    this.loadToken = null;
    // Changes whenever another thread (or none) is shown: a stream still running for the one
    // before must not draw into this one.
    this.generation = 0;

    this.title = h("h2", { class: "hv-thread-title", tabindex: "-1" }, "");
    this.exports = iconButton("export", "Export this conversation", {
      class: "hv-thread-export",
      "aria-haspopup": "menu",
      "aria-expanded": "false",
      onclick: () =>
        toggleMenu(
          this.exports,
          [
            { label: "Export as Markdown", icon: "export", onSelect: () => onExport("md") },
            { label: "Export as JSON", icon: "export", onSelect: () => onExport("json") },
          ],
          { label: "Export this conversation" },
        ),
    });
    this.header = h(
      "header",
      { class: "hv-thread-head" },
      iconButton("back", "Conversations", { class: "hv-back", onclick: () => onBack() }),
      this.title,
      this.exports,
    );
    this.log = h("div", { class: "hv-items", role: "log", "aria-label": "Messages" });
    this.log.addEventListener("scroll", () => this.rememberAnchor(), { passive: true });
    new ResizeObserver(() => this.restoreAnchor()).observe(this.log);
    this.status = h("p", { class: "hv-thread-status", role: "status" });
    this.element = h("section", { class: "hv-thread", "aria-label": "Conversation" }, this.header, this.log, this.status);
    this.showEmpty();
  }

  /** A conversation mirrored from a hosted workflow: marked, and read-only (see hosted.js); the
   * view's stylesheet hides the composer while one is open. */
  showHosted(hosted) {
    this.hostedNotice?.remove();
    this.hostedNotice = hostedNotice(hosted);
    if (this.hostedNotice) this.log.before(this.hostedNotice);
    this.element.toggleAttribute("data-hosted", Boolean(hosted));
  }

  reset() {
    this.showHosted(null);
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
      h(
        "div",
        { class: "hv-empty hv-welcome" },
        h("p", { class: "hv-welcome-title" }, "What can I help with?"),
        h("p", {}, "Write below to start a new conversation, or choose one from the list."),
      ),
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
  async open(threadId, { highlightItemId = null, words = [], title = null } = {}) {
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
        if (after === null) this.showHosted(page.thread.hosted);
        for (const shared of page.shared_context) this.contexts.set(shared.message_id, shared);
        const fragment = document.createDocumentFragment();
        for (const item of page.data) {
          const element = this.draw(item);
          if (element) fragment.append(element);
        }
        this.log.append(fragment);
        for (const shared of page.shared_context) this.attachContext(shared.message_id);
        if (highlightItemId && this.items.has(highlightItemId)) this.highlight(highlightItemId, words);
        if (!page.has_more || !page.after) break;
        after = page.after;
      }
      this.status.textContent = "";
      // Again once every page is in: images and code above it may have changed its place.
      if (highlightItemId) this.scrollToItem(highlightItemId);
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

  /** A search hit: the message at the top of the view, outlined, the words found marked. */
  highlight(itemId, words = []) {
    const entry = this.items.get(itemId);
    if (!entry) return;
    for (const marked of this.log.querySelectorAll(".hv-highlight")) marked.classList.remove("hv-highlight");
    entry.element.classList.add("hv-highlight");
    markWords(entry.element.querySelector(".hv-text, .hv-markdown") || entry.element, words);
    this.scrollToItem(itemId);
    entry.element.focus({ preventScroll: true });
  }

  /** Scrolls so that the item's top is at the top of the view (a little below it). */
  scrollToItem(itemId) {
    const entry = this.items.get(itemId);
    if (!entry) return;
    this.log.scrollTop = entry.element.offsetTop - ITEM_TOP_MARGIN;
    this.rememberAnchor();
  }

  rememberAnchor() {
    const top = this.log.scrollTop;
    const atEnd = this.log.scrollHeight - top - this.log.clientHeight < END_SLACK;
    const first = [...this.log.children].find((child) => child.offsetTop + child.offsetHeight > top);
    this.anchor = { atEnd, element: first || null, offset: first ? first.offsetTop - top : 0 };
  }

  /** After a resize: the same message at the same place, or the end still in view. */
  restoreAnchor() {
    const anchor = this.anchor;
    if (anchor === null) return;
    if (anchor.atEnd) this.log.scrollTop = this.log.scrollHeight;
    else if (anchor.element?.isConnected) this.log.scrollTop = anchor.element.offsetTop - anchor.offset;
    this.rememberAnchor();
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

  /** Before asking again: every item after `itemId` goes, as the server drops them. */
  removeItemsAfter(itemId) {
    const entry = this.items.get(itemId);
    if (!entry) return;
    while (entry.element.nextElementSibling) {
      const next = entry.element.nextElementSibling;
      if (next.dataset.itemId) this.items.delete(next.dataset.itemId);
      next.remove();
    }
  }

  /** The answer being streamed was stopped: it stays as far as it came, marked as such. */
  markStopped() {
    const answers = this.log.querySelectorAll(".hv-assistant");
    const last = answers[answers.length - 1];
    if (!last || last.nextElementSibling || last.querySelector(".hv-stopped")) return;
    last.append(h("p", { class: "hv-stopped" }, "Stopped"));
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

  /** A failure or notice from the stream, in words, after the last item; with `retry`, a
   * button that asks for the answer again. */
  showProblem(message, { kind = "error", retry = null } = {}) {
    this.log.querySelector(".hv-empty")?.remove();
    const problem = h(
      "div",
      { class: `hv-problem ${kind}`, role: kind === "error" ? "alert" : "status" },
      h("p", {}, message),
      retry
        ? h(
            "button",
            { type: "button", class: "secondary hv-small hv-retry", onclick: () => retry() },
            "Retry",
          )
        : null,
    );
    this.log.append(problem);
    this.scrollToEnd();
  }

  showProgress(text) {
    this.status.textContent = text;
  }
}
