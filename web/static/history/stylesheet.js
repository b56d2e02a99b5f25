// The built-in view's stylesheet, added to the page when something first needs it: ChatKit mode
// draws nothing with it until the search dialog opens, so the page shell leaves it out.

const STYLESHEET = "/static/history/history.css";

/** Resolves once the stylesheet is in (or failed to load): what uses it shows only styled. */
export function loadHistoryStylesheet() {
  const existing = document.querySelector(`link[href="${STYLESHEET}"]`);
  if (existing?.sheet) return Promise.resolve();
  const link = existing || document.createElement("link");
  const loaded = new Promise((resolve) => {
    link.addEventListener("load", resolve, { once: true });
    link.addEventListener("error", resolve, { once: true });
  });
  if (!existing) {
    link.rel = "stylesheet";
    link.href = STYLESHEET;
    document.head.append(link);
  }
  return loaded;
}
