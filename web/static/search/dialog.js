// The search over every conversation as a dialog over ChatKit: the built-in view's own search
// panel (history/search.js) in a modal dialog, so the rest of the page is inert while it is
// open. Esc or Close shuts it and gives the focus back where it was (ChatKit's frame, mostly).
// Its foot exports the conversation on screen, or all of them, as the built-in view does.

import { downloadExport } from "../history/export.js";
import { SearchPanel } from "../history/search.js";
import { loadHistoryStylesheet } from "../history/stylesheet.js";
import { h, uniqueId } from "../lib/dom.js";
import { showStatus } from "../lib/fading-status.js";
import { iconButton } from "../lib/icons.js";

// The panel of the dialog on screen or about to be; a second press focuses it.
let openPanel = null;

/**
 * Opens the search dialog, or focuses it when it is already open.
 * @param {{onOpen: (threadId: string) => void, currentThreadId: string | null}} options onOpen
 *   gets the chosen result's thread once the dialog has closed; currentThreadId is the
 *   conversation on screen, which the dialog offers to export.
 */
export async function openSearchDialog({ onOpen, currentThreadId = null }) {
  if (openPanel) {
    openPanel.focus();
    return;
  }
  const returnFocus = document.activeElement;
  let chosen = null;
  const panel = new SearchPanel({
    onOpen: (hit) => {
      chosen = hit.thread_id;
      dialog.close();
    },
    onActiveChange: () => {},
  });
  openPanel = panel;
  panel.input.placeholder = "Search every conversation";
  panel.input.setAttribute("aria-keyshortcuts", "Control+K Control+Shift+F");
  const titleId = uniqueId("search-title");
  const close = iconButton("close", "Close");
  const dialog = h(
    "dialog",
    { class: "hv-dialog search-dialog", "aria-labelledby": titleId },
    h("header", {}, h("h2", { id: titleId }, "Search conversations"), close),
    panel.input,
    panel.element,
    exportFoot(currentThreadId),
  );
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("keydown", (event) => {
    // One press closes: left alone, Esc in a filled search box only empties it.
    if (event.key !== "Escape") return;
    event.preventDefault();
    dialog.close();
  });
  dialog.addEventListener("close", () => {
    panel.clear();
    dialog.remove();
    openPanel = null;
    if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus();
    if (chosen !== null) onOpen(chosen);
  });
  await loadHistoryStylesheet();
  document.body.append(dialog);
  dialog.showModal();
  panel.focus();
}

function exportFoot(currentThreadId) {
  const status = h("p", { class: "hv-status fading-status", role: "status" });
  const exportButton = (label, format, threadId) =>
    h(
      "button",
      {
        type: "button",
        class: "secondary hv-small",
        onclick: async () => {
          showStatus(status, "Preparing the export…");
          try {
            showStatus(status, `Exported ${await downloadExport(format, threadId)}`, { transient: true });
          } catch (failure) {
            showStatus(status, `Export failed: ${failure.message}`);
          }
        },
      },
      label,
    );
  const groups = [];
  if (currentThreadId) {
    groups.push(
      h(
        "div",
        { role: "group", "aria-label": "Export this conversation" },
        h("span", {}, "This conversation:"),
        exportButton("Markdown", "md", currentThreadId),
        exportButton("JSON", "json", currentThreadId),
      ),
    );
  }
  groups.push(
    h(
      "div",
      { role: "group", "aria-label": "Export all conversations" },
      h("span", {}, "All conversations:"),
      exportButton("Markdown", "md", null),
      exportButton("JSON", "json", null),
    ),
  );
  return h("footer", { class: "search-exports" }, ...groups, status);
}
