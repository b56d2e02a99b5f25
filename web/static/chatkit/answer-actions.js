// ChatKit's side of the Copy and Insert buttons under an answer (lib/answer-actions.js): the
// widget's client actions arrive through `widgets.onAction`. The buttons are drawn in ChatKit's
// frame, where the page cannot change them, so the outcome ("Copied", or why Insert failed) is
// shown in a status line of the page's own, over the chat.

import { h } from "../lib/dom.js";
import { showStatus } from "../lib/fading-status.js";
import { performAnswerAction } from "../lib/answer-actions.js";

let statusLine = null;

function status() {
  if (statusLine === null || !statusLine.isConnected) {
    statusLine = h("p", { class: "answer-action-status fading-status", role: "status", "aria-live": "polite" });
    document.body.append(statusLine);
  }
  return statusLine;
}

/** ChatKit's `widgets.onAction`. */
export async function handleAnswerAction(action) {
  try {
    const done = await performAnswerAction(action);
    if (done !== null) showStatus(status(), done, { transient: true });
  } catch (failure) {
    showStatus(status(), failure.message);
  }
}
