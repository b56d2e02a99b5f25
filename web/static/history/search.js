// Search across every conversation: results follow the typing (debounced, older requests
// aborted), each with its snippet, matched words marked, and who wrote it (You, or Answer).
// Choosing one opens its thread there.

import { h } from "../lib/dom.js";
import { search } from "./api.js";
import { shortDate } from "./dates.js";
import { UNTITLED } from "./thread-list.js";

const DEBOUNCE_MS = 180;
const MARK_START = "\uE000";
const MARK_END = "\uE001";
// Who wrote a hit (the server's role), as a result shows it.
const AUTHORS = { user: "You", assistant: "Answer" };

/**
 * The snippet as text nodes and <mark> elements: the server marks matches with two private-use
 * characters, and everything else stays text, so nothing in a snippet is ever markup.
 */
export function highlightedSnippet(snippet) {
  const fragment = document.createDocumentFragment();
  let marked = false;
  let text = "";
  const flush = () => {
    if (text) fragment.append(marked ? h("mark", {}, text) : document.createTextNode(text));
    text = "";
  };
  for (const character of snippet) {
    if (character === MARK_START || character === MARK_END) {
      flush();
      marked = character === MARK_START;
    } else {
      text += character;
    }
  }
  flush();
  return fragment;
}

export class SearchPanel {
  /**
   * @param {{onOpen: (hit: object) => void, onActiveChange: (active: boolean) => void}} options
   */
  constructor({ onOpen, onActiveChange }) {
    this.onOpen = onOpen;
    this.onActiveChange = onActiveChange;
    this.timer = null;
    this.controller = null;
    this.input = h("input", {
      type: "search",
      class: "hv-search-input",
      placeholder: "Search conversations  ( / )",
      "aria-label": "Search conversations",
      "aria-keyshortcuts": "/ Control+F",
      autocomplete: "off",
      spellcheck: "false",
    });
    this.list = h("ul", { class: "hv-results" });
    this.status = h("p", { class: "hv-list-status", role: "status" });
    this.element = h("section", { class: "hv-search", "aria-label": "Search results", hidden: true }, this.status, this.list);
    this.input.addEventListener("input", () => this.schedule());
    this.input.addEventListener("keydown", (event) => this.onInputKey(event));
    this.list.addEventListener("keydown", (event) => this.onResultKey(event));
  }

  get active() {
    return !this.element.hidden;
  }

  focus() {
    this.input.focus();
    this.input.select();
  }

  /** Empties the box and gives the list back. */
  clear() {
    this.input.value = "";
    this.show(false);
    this.controller?.abort();
    clearTimeout(this.timer);
  }

  show(active) {
    if (this.element.hidden === !active) return;
    this.element.hidden = !active;
    this.onActiveChange(active);
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), DEBOUNCE_MS);
  }

  async run() {
    const text = this.input.value;
    this.controller?.abort();
    if (!text.trim()) {
      this.show(false);
      return;
    }
    this.show(true);
    const controller = new AbortController();
    this.controller = controller;
    this.status.textContent = "Searching…";
    try {
      const { results } = await search(text, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.render(results);
    } catch (failure) {
      if (failure.name === "AbortError") return;
      this.list.replaceChildren();
      this.status.textContent = `Search failed: ${failure.message}`;
    }
  }

  render(results) {
    this.status.textContent = results.length === 0 ? "Nothing found." : `${results.length} found`;
    this.list.replaceChildren(
      ...results.map((hit, index) =>
        h(
          "li",
          {},
          h(
            "button",
            {
              type: "button",
              class: "hv-result",
              "data-result-thread-id": hit.thread_id,
              "data-result-item-id": hit.item_id,
              tabindex: index === 0 ? "0" : "-1",
              onclick: () => this.onOpen(hit),
            },
            h(
              "span",
              { class: "hv-result-head" },
              h("span", { class: "hv-title" }, hit.thread_title || UNTITLED),
              h("span", { class: "hv-date" }, shortDate(hit.created_at)),
            ),
            h(
              "span",
              { class: "hv-result-line" },
              AUTHORS[hit.role] ? h("span", { class: `hv-author hv-author-${hit.role}` }, AUTHORS[hit.role]) : null,
              h("span", { class: "hv-snippet" }, highlightedSnippet(hit.snippet)),
            ),
          ),
        ),
      ),
    );
  }

  results() {
    return [...this.list.querySelectorAll("button.hv-result")];
  }

  onInputKey(event) {
    const results = this.results();
    if (event.key === "ArrowDown" && results.length > 0) {
      event.preventDefault();
      results[0].focus();
    } else if (event.key === "Enter") {
      event.preventDefault();
      clearTimeout(this.timer);
      if (results.length > 0) results[0].click();
      else this.run();
    }
  }

  onResultKey(event) {
    const results = this.results();
    const index = results.indexOf(event.target);
    if (index === -1) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = index + (event.key === "ArrowDown" ? 1 : -1);
      if (next < 0) {
        this.input.focus();
        return;
      }
      const target = results[Math.min(next, results.length - 1)];
      for (const result of results) result.tabIndex = result === target ? 0 : -1;
      target.focus();
    }
  }
}
