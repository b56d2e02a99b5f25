// Export downloads. The token travels in a header, never in a URL, so the file is fetched
// here and handed to the browser as a Blob URL rather than linked to.

import { authorizedFetch } from "../session.js";

const REVOKE_AFTER_MS = 30_000;
const FALLBACK_NAMES = { md: "chatkit-conversations.md", json: "chatkit-conversations.json" };
// The server names files with letters, digits, dots and dashes only.
const FILENAME = /filename="([A-Za-z0-9._-]+)"/;

/**
 * Downloads the export of one thread (threadId) or of all of them (threadId null).
 * Rejects with an Error in words when the server refuses or the download breaks off.
 */
export async function downloadExport(format, threadId = null) {
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
