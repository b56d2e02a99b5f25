// A widget item in the built-in view. ChatKit draws widgets in its own frame; here a list widget
// (what search_conversations found) is drawn as its rows' text, and a row whose action is
// thread.open is a button that opens that thread: it sends OPEN_THREAD_EVENT up to the view.

import { h } from "../lib/dom.js";
import { threadToOpen } from "../lib/open-thread-action.js";

export const OPEN_THREAD_EVENT = "hv-open-thread";
const TEXT_COMPONENTS = new Set(["Text", "Title", "Caption", "Markdown", "Label"]);

/** The text components under `node`, in order: [{type, value}]. */
function texts(node) {
  if (!node || typeof node !== "object") return [];
  const own = TEXT_COMPONENTS.has(node.type) && typeof node.value === "string" ? [{ type: node.type, value: node.value }] : [];
  return [...own, ...[].concat(node.children || []).flatMap(texts)];
}

function openThread(event, threadId) {
  event.currentTarget.dispatchEvent(new CustomEvent(OPEN_THREAD_EVENT, { bubbles: true, detail: { threadId } }));
}

function row(node) {
  const [first, ...rest] = texts(node);
  const content = [
    first ? h("span", { class: "hv-widget-title" }, first.value) : null,
    ...rest.map((text) => h("span", { class: text.type === "Caption" ? "hv-widget-caption" : "hv-widget-text" }, text.value)),
  ];
  const threadId = threadToOpen(node.onClickAction);
  if (threadId === null) return h("li", { class: "hv-widget-row" }, h("div", { class: "hv-widget-static" }, ...content));
  return h(
    "li",
    { class: "hv-widget-row" },
    h("button", { type: "button", class: "hv-widget-open", "data-thread-id": threadId, onclick: (event) => openThread(event, threadId) }, ...content),
  );
}

/** The body for a list widget, or null for any other widget (shown as its text instead). */
export function renderWidgetBody(widget) {
  if (widget?.type !== "ListView") return null;
  const status = widget.status?.text ? h("p", { class: "hv-widget-status" }, widget.status.text) : null;
  return h("div", { class: "hv-widget" }, status, h("ul", { class: "hv-widget-list" }, ...(widget.children || []).map(row)));
}
