// Model output as Markdown, made inert. The text is untrusted: raw HTML in it is shown as
// text, never parsed as markup; what marked produces then goes through DOMPurify with a narrow
// profile (HTML only: no SVG or MathML, no styles, no forms), and every link is checked and
// made to open outside the app. Nothing reaches the page as markup without passing both.

import { Marked } from "/static/vendor/marked.esm.js";
import createDOMPurify from "/static/vendor/purify.es.mjs";

// Web addresses only: the window hands a link to the system browser, which opens only these.
const SAFE_LINK = /^https?:/i;
const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    // Raw HTML in the text, inline or as a block: shown as the characters it is.
    html({ text }) {
      return escapeHtml(text);
    },
    // The page may load no image (its CSP says so): an image becomes a link to it.
    image({ href, text }) {
      if (!href) return escapeHtml(text);
      return `<a href="${escapeHtml(href)}">${escapeHtml(text || href)}</a>`;
    },
  },
});

// An instance of our own, so that its hooks touch no other user of DOMPurify.
const purify = createDOMPurify(window);
const PURIFY_OPTIONS = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ["style", "form", "input", "button", "textarea", "select", "img", "video", "audio", "iframe"],
  FORBID_ATTR: ["style", "id", "name", "srcset"],
  ALLOW_DATA_ATTR: false,
  RETURN_DOM_FRAGMENT: true,
};

purify.addHook("afterSanitizeAttributes", (node) => {
  if (node.tagName !== "A") return;
  const href = node.getAttribute("href") || "";
  if (SAFE_LINK.test(href.trim())) {
    node.setAttribute("target", "_blank");
    node.setAttribute("rel", "noopener noreferrer");
  } else {
    // Relative links, fragments and any other scheme (javascript:, data:, file:, mailto:) lose
    // their target and stay as text: none of them should lead the app's window anywhere.
    node.removeAttribute("href");
  }
});

/** The Markdown `text`, rendered and sanitised, as a DocumentFragment. */
export function renderMarkdown(text) {
  return purify.sanitize(marked.parse(String(text ?? "")), PURIFY_OPTIONS);
}
