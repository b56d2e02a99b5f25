// A message's attachments in the history: images as thumbnails (the server's data: URL
// preview) that open larger in a dialog, other files by name and size, each with a download.
// The bytes need the token, which travels in a header, so they are fetched here and handed to
// the browser as Blob URLs rather than linked to. In the app's own window, whose web engine
// drops downloads, the app writes the file into Downloads itself.

import { formatSize } from "../lib/attachments.js";
import { h, uniqueId } from "../lib/dom.js";
import { apiJson, authorizedFetch } from "../session.js";
import { inNativeWindow } from "./export.js";

const REVOKE_AFTER_MS = 30_000;

async function attachmentBlob(attachment) {
  const response = await authorizedFetch(`/api/attachments/${encodeURIComponent(attachment.id)}`);
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error(body?.error?.message || `${response.status} ${response.statusText}`);
  }
  return response.blob();
}

/** Hands the attachment's bytes to the browser as a download under its own name. */
export async function downloadAttachment(attachment) {
  const url = URL.createObjectURL(await attachmentBlob(attachment));
  const link = h("a", { href: url, download: attachment.name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Later, not at once: some engines still read the Blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

async function saveOrDownload(attachment, status) {
  if (!(await inNativeWindow())) {
    await downloadAttachment(attachment);
    return;
  }
  const saved = await apiJson(`/api/attachments/${encodeURIComponent(attachment.id)}/save`, {
    method: "POST",
  });
  status.textContent = `Saved to ${saved.path}`;
}

function downloadButton(attachment, status) {
  return h(
    "button",
    {
      type: "button",
      class: "secondary hv-small hv-attachment-download",
      "aria-label": `Download ${attachment.name}`,
      onclick: () =>
        saveOrDownload(attachment, status).catch((failure) => {
          status.textContent = `Not downloaded: ${failure.message}`;
        }),
    },
    "Download",
  );
}

/** The image at full size in a modal dialog; the thumbnail stands in until it has loaded. */
function viewImage(attachment, host) {
  const titleId = uniqueId("hv-image-title");
  const image = h("img", { class: "hv-image-large", src: attachment.preview_url, alt: attachment.name });
  const close = h("button", { type: "button", class: "secondary hv-small" }, "Close");
  const dialog = h(
    "dialog",
    { class: "hv-dialog hv-image-dialog", "aria-labelledby": titleId },
    h("h2", { id: titleId }, attachment.name),
    image,
    h("div", { class: "actions" }, close),
  );
  let url = null;
  close.addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    dialog.remove();
    if (url) URL.revokeObjectURL(url);
  });
  host.append(dialog);
  dialog.showModal();
  close.focus();
  attachmentBlob(attachment).then(
    (blob) => {
      url = URL.createObjectURL(blob);
      image.src = url;
    },
    // The thumbnail stays: still the picture, if smaller.
    () => {},
  );
}

function isDataImage(url) {
  return typeof url === "string" && url.startsWith("data:image/");
}

function renderOne(attachment, status) {
  const size = Number.isInteger(attachment.size) ? formatSize(attachment.size) : null;
  if (attachment.type === "image" && isDataImage(attachment.preview_url)) {
    const thumbnail = h(
      "button",
      {
        type: "button",
        class: "hv-thumbnail",
        "aria-label": `View ${attachment.name} larger`,
        onclick: (event) => viewImage(attachment, event.currentTarget.closest(".hv") || document.body),
      },
      h("img", { src: attachment.preview_url, alt: attachment.name }),
    );
    return h("figure", { class: "hv-attachment hv-attachment-image" }, thumbnail, h("figcaption", {}, attachment.name));
  }
  return h(
    "div",
    { class: "hv-attachment hv-attachment-file" },
    h("span", { class: "hv-attachment-name" }, attachment.name),
    size ? h("span", { class: "hv-attachment-size" }, size) : null,
    downloadButton(attachment, status),
  );
}

/** The attachments of one message, or null when it has none. */
export function renderAttachments(attachments) {
  if (!attachments || attachments.length === 0) return null;
  const status = h("p", { class: "hv-attachment-status", role: "status" });
  return h(
    "div",
    { class: "hv-attachments", role: "group", "aria-label": "Attachments" },
    attachments.map((attachment) => renderOne(attachment, status)),
    status,
  );
}
