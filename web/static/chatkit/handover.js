// The hand-over to the built-in view (web/static/history/view.js), which needs no network: it
// takes the page when ChatKit cannot start, with the reason and a way to try ChatKit again.

import { h } from "../lib/dom.js";

function ownNotice({ reason, onRetry, onOpenSettings }, problem) {
  return h(
    "div",
    { class: "handover-notice" },
    h("p", { class: "handover-reason", role: "status" }, reason),
    problem ? h("p", { class: "notice error" }, problem) : null,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", onclick: () => onRetry() }, "Try ChatKit again"),
      h("button", { type: "button", class: "secondary", onclick: () => onOpenSettings() }, "Settings"),
    ),
  );
}

/**
 * Replaces the page's content with the built-in view.
 * @param {HTMLElement} root
 * @param {{reason: string|null, onRetry: () => void, onOpenSettings: () => void}} options
 */
export async function handOver(root, options) {
  const container = h("section", {
    id: "builtin-view",
    class: "builtin-view",
    "aria-label": "Conversations",
  });
  root.replaceChildren(container);
  try {
    const { mountHistoryView } = await import("../history/view.js");
    await mountHistoryView(container, options);
  } catch (failure) {
    container.replaceChildren(
      ownNotice(options, `The built-in view could not be opened either: ${failure.message}`),
    );
  }
}
