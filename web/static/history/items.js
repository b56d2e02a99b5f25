// One thread item as an element. User text is shown as text; assistant text is Markdown,
// rendered inert by markdown.js. A message's attachments (attachments.js) and the context shared
// with it are shown beneath it.

import { h } from "../lib/dom.js";
import { isAnswerActions, renderAnswerActions } from "./answer-actions.js";
import { renderAttachments } from "./attachments.js";
import { fullDate, machineDate } from "./dates.js";
import { renderMarkdown } from "./markdown.js";
import { renderApprovalBody } from "./approval-widget.js";
import { renderWidgetBody } from "./widget-item.js";
import { renderWorkflowBody } from "./workflow-item.js";

const ROLES = { user_message: "You", assistant_message: "Assistant" };
const OTHER_LABELS = { widget: "Found", workflow: "Tools" };

function meta(item, role) {
  return h(
    "header",
    { class: "hv-meta" },
    h("span", { class: "hv-role" }, role),
    h("time", { datetime: machineDate(item.created_at) }, fullDate(item.created_at)),
  );
}

function userText(item) {
  return (item.content || [])
    .filter((part) => typeof part.text === "string")
    .map((part) => part.text)
    .join("");
}

/** The text of items other than messages (tasks, workflows, widgets), as far as it is text. */
function otherText(item) {
  const task = (value) => [value?.title, value?.content].filter(Boolean);
  switch (item.type) {
    case "task":
      return task(item.task);
    case "workflow":
      return [item.workflow?.summary?.title, ...(item.workflow?.tasks || []).flatMap(task)].filter(Boolean);
    case "widget":
      return [item.copy_text].filter(Boolean);
    default:
      return [];
  }
}

/** The assistant's content parts as one Markdown text. */
export function assistantText(item) {
  return (item.content || []).map((part) => part.text || "").join("");
}

export function renderAssistantBody(body, text) {
  body.replaceChildren(renderMarkdown(text));
}

/** The element for `item`, or null for items that show nothing (end-of-turn markers). */
export function renderItem(item) {
  const attributes = { "data-item-id": item.id, tabindex: "-1" };
  if (item.type === "user_message") {
    const article = h("article", { ...attributes, class: "hv-item hv-user" }, meta(item, ROLES.user_message));
    if (item.quoted_text) {
      article.append(h("blockquote", { class: "hv-quote", "aria-label": "Quoted text" }, item.quoted_text));
    }
    article.append(h("div", { class: "hv-text" }, userText(item)));
    const attachments = renderAttachments(item.attachments);
    if (attachments) article.append(attachments);
    return article;
  }
  if (item.type === "assistant_message") {
    const body = h("div", { class: "hv-markdown" });
    renderAssistantBody(body, assistantText(item));
    return h("article", { ...attributes, class: "hv-item hv-assistant" }, meta(item, ROLES.assistant_message), body);
  }
  if (isAnswerActions(item)) return renderAnswerActions(item);
  // Tools the agent used, and what search_conversations found (rows that open their thread).
  const body = {
    widget: () => renderWidgetBody(item.widget) ?? renderApprovalBody(item.widget, item.id),
    workflow: () => renderWorkflowBody(item.workflow),
  }[item.type]?.();
  if (body) return h("article", { ...attributes, class: `hv-item hv-other hv-${item.type}-item` }, meta(item, OTHER_LABELS[item.type]), body);
  const text = otherText(item);
  if (text.length === 0) return null;
  const label = item.type.replace(/_/g, " ");
  return h(
    "article",
    { ...attributes, class: "hv-item hv-other" },
    meta(item, label.charAt(0).toUpperCase() + label.slice(1)),
    h("div", { class: "hv-text" }, text.join("\n")),
  );
}

/**
 * The context shared with a message: {active_window?: {title, app}, selection?}. The selection
 * is left out when the message already quotes it.
 */
export function renderSharedContext(shared, quotedText) {
  const card = h("aside", { class: "hv-context", "aria-label": "Context shared with this message" });
  card.append(h("span", { class: "hv-context-label" }, "Shared with this message"));
  const shown = shared.active_window;
  if (shown && (shown.title || shown.app)) {
    card.append(
      h(
        "p",
        { class: "hv-context-window" },
        "Window: ",
        h("strong", {}, shown.title || shown.app),
        shown.title && shown.app ? ` — ${shown.app}` : "",
      ),
    );
  }
  if (shared.selection && shared.selection !== quotedText) {
    card.append(h("p", { class: "hv-context-selection-label" }, "Selected text:"), h("pre", { class: "hv-context-selection" }, shared.selection));
  } else if (shared.selection) {
    card.append(h("p", { class: "hv-context-note" }, "The selected text is quoted above."));
  }
  return card;
}
