// A small element builder for the page's own UI. Text always goes in as text nodes and events
// through addEventListener: nothing is parsed as markup, and the CSP forbids inline handlers.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      element.addEventListener(name.slice(2), value);
    } else if (name === "class") {
      element.className = value;
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  element.append(...children.flat().filter((child) => child !== null && child !== undefined));
  return element;
}

let nextId = 0;

/** A unique element id, for pairing labels and descriptions with their controls. */
export function uniqueId(prefix) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}

/** A link that opens outside the app window (pywebview hands target=_blank to the browser). */
export function externalLink(href, text) {
  return h("a", { href, target: "_blank", rel: "noopener noreferrer" }, text);
}
