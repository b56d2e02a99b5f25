// Inline SVG icons and the icon button made of one: no icon font and nothing from a CDN, which
// the page's Content-Security-Policy would refuse. Each icon is drawn with the current text
// colour, so it follows the theme. An icon button names itself twice: `aria-label` for screen
// readers and `title` for the tooltip.

import { h } from "./dom.js";

const SVG = "http://www.w3.org/2000/svg";

// 24×24 outlines (stroke paths), in the style of the common open icon sets.
const PATHS = {
  send: ["M12 19V5", "M5 12l7-7 7 7"],
  stop: [],
  attach: ["M21 11.5l-8.6 8.6a5.5 5.5 0 0 1-7.8-7.8l8.6-8.6a3.7 3.7 0 0 1 5.2 5.2l-8.6 8.6a1.8 1.8 0 0 1-2.6-2.6l8-8"],
  more: [],
  rename: ["M4 20h4L19 9l-4-4L4 16v4z", "M13.5 6.5l4 4"],
  delete: ["M4 7h16", "M10 11v6", "M14 11v6", "M6 7l1 13h10l1-13", "M9 7V4h6v3"],
  export: ["M12 4v11", "M7 10l5 5 5-5", "M5 20h14"],
  plus: ["M12 5v14", "M5 12h14"],
  settings: [
    "M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z",
    "M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z",
  ],
  back: ["M15 18l-6-6 6-6"],
  retry: ["M4 12a8 8 0 0 1 13.7-5.7L20 8.6", "M20 4v4.6h-4.6", "M20 12a8 8 0 0 1-13.7 5.7L4 15.4", "M4 20v-4.6h4.6"],
  copy: ["M9 9h11v11H9z", "M5 15H4V4h11v1"],
  close: ["M6 6l12 12", "M18 6L6 18"],
  sidebar: ["M4 5h16v14H4z", "M9 5v14"],
};

function svg(tag, attributes) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/** The icon `name` as an <svg>, hidden from assistive technology (its button has the name). */
export function icon(name) {
  const root = svg("svg", {
    viewBox: "0 0 24 24",
    width: 18,
    height: 18,
    fill: "none",
    stroke: "currentColor",
    "stroke-width": 2,
    "stroke-linecap": "round",
    "stroke-linejoin": "round",
    "aria-hidden": "true",
    focusable: "false",
    class: `icon icon-${name}`,
  });
  if (name === "stop") root.append(svg("rect", { x: 7, y: 7, width: 10, height: 10, rx: 1.5, fill: "currentColor" }));
  if (name === "more") {
    for (const x of [5, 12, 19]) root.append(svg("circle", { cx: x, cy: 12, r: 1.4, fill: "currentColor" }));
  }
  for (const d of PATHS[name] || []) root.append(svg("path", { d }));
  return root;
}

/**
 * A button showing only an icon, with `label` as its accessible name and tooltip.
 * @param {string} name the icon
 * @param {string} label what the button does, in words
 * @param {object} attributes more attributes for h() (class is added to "icon-button")
 */
export function iconButton(name, label, attributes = {}) {
  const { class: extra, ...rest } = attributes;
  return h(
    "button",
    { type: "button", class: `icon-button${extra ? ` ${extra}` : ""}`, "aria-label": label, title: label, ...rest },
    icon(name),
  );
}

/** Changes an icon button's icon and names, e.g. Send becoming Stop. */
export function setIconButton(button, name, label) {
  button.replaceChildren(icon(name));
  button.setAttribute("aria-label", label);
  button.title = label;
}
