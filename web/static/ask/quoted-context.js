// The shared context written into the message itself, as a quoted block above the question:
// in workflow mode ChatKit sends straight to OpenAI, so nothing can travel beside the message
// (metadata.context) as it does to our own server. The text is what the context card shows.

function quoteLines(text) {
  return text
    .split(/\r?\n/)
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");
}

/** The quoted block for `context` ({active_window?, selection?}), ending in an empty line for
 * the question; "" when there is nothing to share. */
export function quotedContext(context) {
  if (!context) return "";
  const parts = [];
  const window = context.active_window;
  if (window && (window.title || window.app)) {
    const name = window.title && window.app ? `${window.title} — ${window.app}` : window.title || window.app;
    parts.push(`Window: ${name}`);
  }
  if (context.selection) parts.push(`Selected text:\n${context.selection}`);
  if (parts.length === 0) return "";
  return `${quoteLines(parts.join("\n"))}\n\n`;
}
