// The list of conversations, the most recently active first, read a page at a time as the user
// scrolls near its end (an IntersectionObserver on a sentinel after the last entry): thousands
// of threads cost no more to show than thirty. Each row shows when the thread was last active;
// its actions (rename, delete, export) are in a "⋯" menu that shows on hover or focus, so the
// title has the row's width. Arrow keys move through it, F2 renames, Delete deletes, Shift+F10
// or the context-menu key opens the menu.

import { h } from "../lib/dom.js";
import { iconButton } from "../lib/icons.js";
import { closeMenu, toggleMenu } from "../lib/menu.js";
import { deleteThread, listThreads, renameThread } from "./api.js";
import { fullDate, machineDate, shortDate } from "./dates.js";
import { confirmInPage } from "./dialog.js";
import { hostedBadge } from "./hosted.js";

const PAGE_SIZE = 30;
// Start loading the next page while it is still this far below the visible end.
const PRELOAD_MARGIN = "300px";
export const UNTITLED = "New conversation";

/** When the thread was last active: its `metadata.updated_at`, or its creation for older ones. */
function lastActive(thread) {
  return thread.metadata?.updated_at ?? thread.created_at;
}

export class ThreadList {
  /**
   * @param {{dialogHost: HTMLElement, onOpen: (thread: object) => void,
   *          onDeleted: (threadId: string) => void, onRenamed: (thread: object) => void,
   *          onExport: (threadId: string, format: string) => void}} options
   */
  constructor({ dialogHost, onOpen, onDeleted, onRenamed, onExport }) {
    this.dialogHost = dialogHost;
    this.onExport = onExport;
    this.onOpen = onOpen;
    this.onDeleted = onDeleted;
    this.onRenamed = onRenamed;
    this.threads = new Map();
    this.after = null;
    this.done = false;
    this.loading = false;
    this.activeId = null;

    this.list = h("ul", { class: "hv-threads", "aria-label": "Conversations" });
    this.sentinel = h("li", { class: "hv-sentinel", "aria-hidden": "true" });
    this.status = h("p", { class: "hv-list-status", role: "status" });
    this.list.append(this.sentinel);
    this.element = h("nav", { class: "hv-list", "aria-label": "Conversation list" }, this.list, this.status);
    this.list.addEventListener("keydown", (event) => this.onKeyDown(event));
    this.observer = new IntersectionObserver((entries) => this.onSentinel(entries), {
      root: this.element,
      rootMargin: `0px 0px ${PRELOAD_MARGIN} 0px`,
    });
  }

  /** Starts loading; call once the element is in the page. */
  start() {
    this.observer.observe(this.sentinel);
  }

  stop() {
    this.observer.disconnect();
  }

  onSentinel(entries) {
    if (entries.some((entry) => entry.isIntersecting)) this.loadMore();
  }

  async loadMore() {
    if (this.loading || this.done) return;
    this.loading = true;
    this.element.setAttribute("aria-busy", "true");
    this.status.replaceChildren("Loading conversations…");
    try {
      const page = await listThreads({ limit: PAGE_SIZE, after: this.after });
      for (const thread of page.data) this.append(thread);
      this.after = page.after ?? this.after;
      this.done = !page.has_more;
      this.status.replaceChildren(this.threads.size === 0 && this.done ? "No conversations yet." : "");
    } catch (failure) {
      this.status.replaceChildren(
        `Could not load conversations: ${failure.message} `,
        h("button", { type: "button", class: "secondary", onclick: () => this.loadMore() }, "Load them again"),
      );
    } finally {
      this.loading = false;
      this.element.removeAttribute("aria-busy");
    }
    if (!this.done) {
      // A new observation reports at once whether the sentinel is still in view: if the page
      // did not fill the list, the next one loads without waiting for a scroll.
      this.observer.unobserve(this.sentinel);
      this.observer.observe(this.sentinel);
    }
  }

  entryFor(threadId) {
    return this.list.querySelector(`li[data-entry-for="${CSS.escape(threadId)}"]`);
  }

  buttons() {
    return [...this.list.querySelectorAll("button.hv-open")];
  }

  renderEntry(thread) {
    const title = thread.title || UNTITLED;
    const active = lastActive(thread);
    const open = h(
      "button",
      {
        type: "button",
        class: "hv-open",
        "data-thread-id": thread.id,
        tabindex: "-1",
        title: `${title}\nLast active ${fullDate(active)}`,
        "aria-keyshortcuts": "F2 Delete Shift+F10",
        onclick: () => this.onOpen(thread),
      },
      h("span", { class: "hv-title" }, title),
      hostedBadge(thread.metadata?.hosted),
      h("time", { class: "hv-date", datetime: machineDate(active) }, shortDate(active)),
    );
    if (thread.id === this.activeId) open.setAttribute("aria-current", "true");
    const more = iconButton("more", `Actions for ${title}`, {
      class: "hv-entry-more",
      tabindex: "-1",
      "aria-haspopup": "menu",
      "aria-expanded": "false",
      onclick: () => this.toggleMenu(thread.id),
    });
    return h("li", { class: "hv-entry", "data-entry-for": thread.id }, open, more);
  }

  /** The row's menu: rename, export and delete. */
  toggleMenu(threadId) {
    const anchor = this.entryFor(threadId)?.querySelector(".hv-entry-more");
    if (!anchor) return;
    toggleMenu(
      anchor,
      [
        { label: "Rename", icon: "rename", onSelect: () => this.rename(threadId) },
        { label: "Export as Markdown", icon: "export", onSelect: () => this.onExport(threadId, "md") },
        { label: "Export as JSON", icon: "export", onSelect: () => this.onExport(threadId, "json") },
        { label: "Delete", icon: "delete", danger: true, onSelect: () => this.remove(threadId) },
      ],
      { label: "Conversation actions", returnFocus: anchor.parentElement.querySelector("button.hv-open") },
    );
  }

  append(thread) {
    if (this.threads.has(thread.id)) return;
    this.threads.set(thread.id, thread);
    this.sentinel.before(this.renderEntry(thread));
    this.updateTabStop();
  }

  /** A thread just answered: it moves to the top, last active now. */
  touch(threadId) {
    const known = this.threads.get(threadId);
    if (!known) return;
    const metadata = { ...known.metadata, updated_at: new Date().toISOString() };
    this.upsert({ ...known, metadata }, { toTop: true });
  }

  /** A thread created or renamed elsewhere in the view: shown at the top, or updated in place. */
  upsert(thread, { toTop = false } = {}) {
    const known = this.threads.get(thread.id);
    const merged = { ...known, ...thread };
    this.threads.set(thread.id, merged);
    const entry = this.renderEntry(merged);
    const existing = this.entryFor(thread.id);
    if (existing && !toTop) existing.replaceWith(entry);
    else {
      existing?.remove();
      this.list.prepend(entry);
    }
    if (this.done && this.threads.size > 0) this.status.replaceChildren("");
    this.updateTabStop();
  }

  setActive(threadId) {
    this.activeId = threadId;
    for (const button of this.buttons()) {
      if (button.dataset.threadId === threadId) button.setAttribute("aria-current", "true");
      else button.removeAttribute("aria-current");
    }
    this.updateTabStop();
  }

  /** One entry is reached with Tab (the open one, else the first); arrows move from there. */
  updateTabStop() {
    const buttons = this.buttons();
    const stop = buttons.find((button) => button.dataset.threadId === this.activeId) || buttons[0];
    for (const button of buttons) button.tabIndex = button === stop ? 0 : -1;
  }

  focus() {
    const buttons = this.buttons();
    (buttons.find((button) => button.tabIndex === 0) || buttons[0])?.focus();
  }

  onKeyDown(event) {
    const current = event.target.closest?.("button.hv-open");
    if (!current || event.altKey || event.ctrlKey || event.metaKey) return;
    const buttons = this.buttons();
    const index = buttons.indexOf(current);
    const moves = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: buttons.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      const next = buttons[Math.max(0, Math.min(buttons.length - 1, moves[event.key]))];
      for (const button of buttons) button.tabIndex = button === next ? 0 : -1;
      next.focus();
      next.scrollIntoView({ block: "nearest" });
    } else if (event.key === "F2") {
      event.preventDefault();
      this.rename(current.dataset.threadId);
    } else if (event.key === "Delete") {
      event.preventDefault();
      this.remove(current.dataset.threadId);
    } else if (event.key === "ContextMenu" || (event.key === "F10" && event.shiftKey)) {
      event.preventDefault();
      this.toggleMenu(current.dataset.threadId);
    }
  }

  rename(threadId) {
    const entry = this.entryFor(threadId);
    const thread = this.threads.get(threadId);
    if (!entry || !thread || entry.querySelector("input")) return;
    const input = h("input", {
      type: "text",
      class: "hv-rename",
      value: thread.title || "",
      "aria-label": "New title",
      maxlength: "200",
    });
    closeMenu();
    const open = entry.querySelector("button.hv-open");
    open.hidden = true;
    entry.classList.add("hv-renaming");
    entry.prepend(input);
    input.focus();
    input.select();
    let finished = false;
    const finish = async (save) => {
      if (finished) return;
      finished = true;
      const title = input.value.trim();
      input.remove();
      entry.classList.remove("hv-renaming");
      open.hidden = false;
      open.focus();
      if (!save || !title || title === thread.title) return;
      try {
        await renameThread(threadId, title);
        const renamed = { ...thread, title };
        this.upsert(renamed);
        this.onRenamed(renamed);
        this.entryFor(threadId)?.querySelector("button.hv-open")?.focus();
      } catch (failure) {
        this.status.replaceChildren(`Could not rename: ${failure.message}`);
      }
    };
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        finish(true);
      } else if (event.key === "Escape") {
        // Handled here: Esc also closes things at the view's level.
        event.preventDefault();
        event.stopPropagation();
        finish(false);
      }
    });
    input.addEventListener("blur", () => finish(true));
  }

  async remove(threadId) {
    const thread = this.threads.get(threadId);
    if (!thread) return;
    const confirmed = await confirmInPage(this.dialogHost, {
      title: "Delete this conversation?",
      message: `“${thread.title || UNTITLED}” and all its messages will be deleted. This cannot be undone.`,
      confirmLabel: "Delete",
    });
    if (!confirmed) {
      this.entryFor(threadId)?.querySelector("button.hv-open")?.focus();
      return;
    }
    try {
      await deleteThread(threadId);
    } catch (failure) {
      this.status.replaceChildren(`Could not delete: ${failure.message}`);
      return;
    }
    const entry = this.entryFor(threadId);
    const neighbour = entry?.nextElementSibling?.querySelector("button.hv-open")
      || entry?.previousElementSibling?.querySelector("button.hv-open");
    entry?.remove();
    this.threads.delete(threadId);
    if (this.activeId === threadId) this.activeId = null;
    this.updateTabStop();
    if (this.threads.size === 0 && this.done) this.status.replaceChildren("No conversations yet.");
    this.onDeleted(threadId);
    neighbour?.focus();
  }
}
