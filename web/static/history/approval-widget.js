// A tool call waiting for the user's approval, in the built-in view: the card the server sends
// (server/agent/approvals/approval_widget.py) drawn as its text, with Allow and Deny buttons
// that send TOOL_DECISION_EVENT up to the view, which sends the button's action to the server
// (threads.custom_action) and reads the rest of the answer. Once answered, the card shows
// "Allowed" or "Denied" instead of the buttons.

import { h } from "../lib/dom.js";

export const TOOL_DECISION_EVENT = "hv-tool-decision";
const DECISIONS = new Set(["tool.approve", "tool.deny"]);
const TEXT_CLASSES = { Title: "hv-approval-title", Caption: "hv-widget-caption", Text: "hv-approval-arguments" };

function decide(event, itemId, action) {
  const button = event.currentTarget;
  for (const other of button.parentElement.querySelectorAll("button")) other.disabled = true;
  button.dispatchEvent(new CustomEvent(TOOL_DECISION_EVENT, { bubbles: true, detail: { itemId, action } }));
}

function part(node, itemId) {
  if (TEXT_CLASSES[node.type] && typeof node.value === "string") {
    return h(node.type === "Text" ? "pre" : "p", { class: TEXT_CLASSES[node.type] }, node.value);
  }
  if (node.type === "Badge" && typeof node.label === "string") return h("p", { class: "hv-approval-decision" }, node.label);
  if (node.type === "Row") {
    const buttons = (node.children || []).filter((child) => child.type === "Button" && DECISIONS.has(child.onClickAction?.type));
    return h(
      "div",
      { class: "hv-approval-buttons" },
      ...buttons.map((button) =>
        h(
          "button",
          { type: "button", class: button.style === "primary" ? "hv-small" : "secondary hv-small", onclick: (event) => decide(event, itemId, button.onClickAction) },
          button.label,
        ),
      ),
    );
  }
  return null;
}

/** Whether `widget` asks for (or shows the answer to) a tool call's approval. */
function isApprovalWidget(widget) {
  const children = widget?.type === "Card" ? widget.children || [] : [];
  const decided = children.some((child) => child.type === "Badge");
  const asking = children.some((child) => child.type === "Row" && (child.children || []).some((button) => DECISIONS.has(button.onClickAction?.type)));
  return asking || decided;
}

/** The body for an approval card of the item `itemId`, or null for any other widget. */
export function renderApprovalBody(widget, itemId) {
  if (!isApprovalWidget(widget)) return null;
  return h("div", { class: "hv-approval" }, ...widget.children.map((child) => part(child, itemId)));
}
