// A small pop-up menu under a button (the "⋯" of a conversation, the export choices): a list of
// actions with role="menu", opened by click, Enter or Space on its button, moved through with
// the arrows, closed by Esc, Tab, a choice or a click elsewhere, the focus then back on the
// button. It is fixed to the viewport, so a scrolling list does not clip it.

import { h } from "./dom.js";
import { icon } from "./icons.js";

let openMenu = null;

/** Closes the menu on screen, if any; `restoreFocus` puts the keyboard back on its button. */
export function closeMenu({ restoreFocus = false } = {}) {
  const menu = openMenu;
  if (menu === null) return;
  openMenu = null;
  menu.element.remove();
  document.removeEventListener("pointerdown", menu.onOutside, true);
  window.removeEventListener("resize", menu.onResize);
  menu.anchor.setAttribute("aria-expanded", "false");
  if (restoreFocus && menu.returnFocus.isConnected) menu.returnFocus.focus();
}

function place(element, anchor) {
  const box = anchor.getBoundingClientRect();
  const width = element.offsetWidth;
  const height = element.offsetHeight;
  const left = Math.max(4, Math.min(box.right - width, window.innerWidth - width - 4));
  const below = box.bottom + 4;
  const top = below + height > window.innerHeight - 4 ? Math.max(4, box.top - height - 4) : below;
  element.style.left = `${left}px`;
  element.style.top = `${top}px`;
}

/**
 * Opens a menu of `items` under `anchor` (a second call on the same anchor closes it).
 * @param {HTMLElement} anchor the button that opens it
 * @param {{label: string, icon?: string, danger?: boolean, onSelect: () => void}[]} items
 * @param {{label: string, returnFocus?: HTMLElement}} options the menu's accessible name, and
 *   where the keyboard goes when it closes (its button unless said)
 */
export function toggleMenu(anchor, items, { label, returnFocus = anchor }) {
  if (openMenu?.anchor === anchor) {
    closeMenu({ restoreFocus: true });
    return;
  }
  closeMenu();
  const buttons = items.map((item) =>
    h(
      "button",
      {
        type: "button",
        role: "menuitem",
        tabindex: "-1",
        class: `menu-item${item.danger ? " danger" : ""}`,
        onclick: () => {
          closeMenu({ restoreFocus: true });
          item.onSelect();
        },
      },
      item.icon ? icon(item.icon) : null,
      h("span", {}, item.label),
    ),
  );
  const element = h("div", { class: "popup-menu", role: "menu", "aria-label": label }, ...buttons);
  element.addEventListener("keydown", (event) => {
    const index = buttons.indexOf(document.activeElement);
    const moves = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: buttons.length - 1 };
    if (event.key in moves) {
      event.preventDefault();
      buttons[(moves[event.key] + buttons.length) % buttons.length].focus();
    } else if (event.key === "Escape") {
      // Handled here: Esc also closes things at the view's level.
      event.preventDefault();
      event.stopPropagation();
      closeMenu({ restoreFocus: true });
    } else if (event.key === "Tab") {
      event.preventDefault();
      closeMenu({ restoreFocus: true });
    }
  });
  const menu = {
    anchor,
    returnFocus,
    element,
    onOutside: (event) => {
      if (!element.contains(event.target) && !anchor.contains(event.target)) closeMenu();
    },
    onResize: () => closeMenu(),
  };
  openMenu = menu;
  // In the dialog's top layer when the anchor is in one, else at the end of the page.
  (anchor.closest("dialog") || document.body).append(element);
  place(element, anchor);
  anchor.setAttribute("aria-expanded", "true");
  document.addEventListener("pointerdown", menu.onOutside, true);
  window.addEventListener("resize", menu.onResize);
  buttons[0]?.focus();
}
