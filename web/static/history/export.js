// Exports. In a browser (`chatkit-desktop serve`) the file is downloaded: the token travels in a
// header, never in a URL, so it is fetched here and handed to the browser as a Blob URL rather
// than linked to. In the app's own window the web engine may drop downloads, so the app writes
// the file into the Downloads folder itself; a panel follows its progress, says where it went
// and opens that folder.

import { h } from "../lib/dom.js";
import { apiJson, authorizedFetch } from "../session.js";

const REVOKE_AFTER_MS = 30_000;
const FALLBACK_NAMES = { md: "chatkit-conversations.md", json: "chatkit-conversations.json" };
// The server names files with letters, digits, dots and dashes only.
const FILENAME = /filename="([A-Za-z0-9._-]+)"/;
// Often enough for the count to move smoothly, rarely enough to cost the export nothing.
const POLL_MS = 250;
const JSON_HEADERS = { "Content-Type": "application/json" };

let nativeWindow = null;
let panel = null;

/** Whether the page is in the app's window rather than a browser; asked once per page. */
export function inNativeWindow() {
  nativeWindow ??= apiJson("/api/window").then(
    (answer) => answer.native === true,
    () => false,
  );
  return nativeWindow;
}

/**
 * Exports one thread (threadId) or all of them (threadId null), and resolves to what was
 * written: the file's name when downloaded, its full path when the app wrote it.
 * Rejects with an Error in words when the server refuses or the export breaks off.
 */
export async function downloadExport(format, threadId = null) {
  return (await inNativeWindow()) ? saveExport(format, threadId) : download(format, threadId);
}

async function download(format, threadId) {
  const query = new URLSearchParams({ format });
  if (threadId) query.set("thread_id", threadId);
  const response = await authorizedFetch(`/api/export?${query}`);
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error(body?.error?.message || `${response.status} ${response.statusText}`);
  }
  const blob = await response.blob();
  const name = FILENAME.exec(response.headers.get("Content-Disposition") || "")?.[1] || FALLBACK_NAMES[format];
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: some engines still read the Blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  return name;
}

async function saveExport(format, threadId) {
  panel?.remove();
  panel = new ExportPanel();
  let job;
  try {
    job = await apiJson("/api/exports", {
      method: "POST",
      headers: JSON_HEADERS,
      body: JSON.stringify({ format, thread_id: threadId }),
    });
    while (job.state === "running") {
      panel.showProgress(job);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      job = await apiJson(`/api/exports/${encodeURIComponent(job.id)}`);
    }
  } catch (failure) {
    panel.showFailure(failure.message);
    throw failure;
  }
  if (job.state === "failed") {
    panel.showFailure(job.error);
    throw new Error(job.error);
  }
  panel.showSaved(job);
  return job.path;
}

/** Where an export written by the app stands, in a corner of the window until closed. */
class ExportPanel {
  constructor() {
    this.message = h("p", { class: "export-message" }, "Starting the export…");
    this.progress = h("progress", { class: "export-progress", "aria-label": "Conversations exported" });
    this.openResult = h("p", { class: "export-open-result", role: "status" });
    this.actions = h("div", { class: "export-actions" });
    this.element = h(
      "section",
      { class: "export-panel", role: "region", "aria-label": "Export" },
      h("div", { role: "status" }, this.message),
      this.progress,
      this.actions,
      this.openResult,
    );
    document.body.append(this.element);
  }

  remove() {
    this.element.remove();
  }

  showProgress({ progress }) {
    this.progress.max = Math.max(progress.total, 1);
    this.progress.value = progress.done;
    this.element.dataset.state = "running";
    const total = progress.total.toLocaleString();
    this.message.textContent =
      progress.total === 1 ? "Exporting the conversation…" : `Exporting: ${progress.done.toLocaleString()} of ${total} conversations…`;
  }

  showSaved(job) {
    this.element.dataset.state = "done";
    this.progress.hidden = true;
    this.message.textContent = `Saved to ${job.path}`;
    this.actions.replaceChildren(
      h("button", { type: "button", class: "secondary", onclick: () => this.openFolder(job) }, "Open folder"),
      this.closeButton(),
    );
  }

  showFailure(message) {
    this.element.dataset.state = "failed";
    this.progress.hidden = true;
    this.message.textContent = `Export failed: ${message}`;
    this.actions.replaceChildren(this.closeButton());
  }

  closeButton() {
    return h("button", { type: "button", class: "secondary", onclick: () => this.remove() }, "Close");
  }

  async openFolder(job) {
    this.openResult.textContent = "";
    try {
      const { folder } = await apiJson(`/api/exports/${encodeURIComponent(job.id)}/open-folder`, { method: "POST" });
      this.openResult.textContent = `Opened ${folder}`;
    } catch (failure) {
      this.openResult.textContent = failure.message;
    }
  }
}
