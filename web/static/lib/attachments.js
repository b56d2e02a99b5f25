// Attachments as this server takes them, shared by ChatKit's options and the built-in view's
// composer: the types it accepts, the size limit from the settings, and the two-phase upload
// of ChatKit's protocol (attachments.create, then the bytes to the URL the answer names).

import { apiJson } from "../session.js";

export const DEFAULT_MAX_MB = 20;

// MIME type → file extensions, the shape ChatKit's composer.attachments.accept takes. Text is
// read by the model as UTF-8; the server checks the bytes of every type on upload.
export const ACCEPTED_TYPES = {
  "image/png": [".png"],
  "image/jpeg": [".jpg", ".jpeg"],
  "image/gif": [".gif"],
  "image/webp": [".webp"],
  "application/pdf": [".pdf"],
  "text/plain": [".txt", ".text", ".log"],
  "text/markdown": [".md", ".markdown"],
  "text/csv": [".csv"],
  "application/json": [".json"],
  "application/xml": [".xml"],
  "application/x-yaml": [".yaml", ".yml"],
};

/** The limit in bytes: the setting `attachment_max_mb` when the server has it, else 20 MB. */
export function maxAttachmentBytes(settings) {
  const megabytes = Number.isInteger(settings?.attachment_max_mb) ? settings.attachment_max_mb : DEFAULT_MAX_MB;
  return megabytes * 1024 * 1024;
}

/** The type to announce: the browser's, or one found from the extension when it has none. */
export function attachmentType(file) {
  if (file.type) return file.type;
  const extension = file.name.includes(".") ? `.${file.name.split(".").pop().toLowerCase()}` : "";
  const known = Object.entries(ACCEPTED_TYPES).find(([, extensions]) => extensions.includes(extension));
  return known ? known[0] : "application/octet-stream";
}

/** "1.4 MB", "12 KB", "300 bytes". */
export function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Uploads `file` the two-phase way and resolves to the attachment the server made (its id goes
 * in the message's `attachments`). Rejects with an Error in the server's words.
 */
export async function uploadAttachment(file) {
  const attachment = await apiJson("/chatkit", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      type: "attachments.create",
      params: { name: file.name, size: file.size, mime_type: attachmentType(file) },
    }),
  });
  const descriptor = attachment.upload_descriptor;
  // As ChatKit.js does: multipart with a `file` field for POST, the raw bytes for PUT.
  let body = file;
  if (descriptor.method === "POST") {
    body = new FormData();
    body.append("file", file, file.name);
  }
  // Plain fetch, as from ChatKit's frame: the URL carries its own single-use permission.
  const response = await fetch(descriptor.url, { method: descriptor.method, headers: descriptor.headers || {}, body });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error(body?.error?.message || `${response.status} ${response.statusText}`);
  }
  return attachment;
}
