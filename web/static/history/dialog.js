// An in-page confirmation dialog: a modal <dialog>, so focus stays inside it and Esc cancels.
// window.confirm() would block the page and, inside the desktop window, shows a bare box.

import { h, uniqueId } from "../lib/dom.js";

/**
 * Asks a yes/no question inside `host`. Resolves true only when the confirm button is chosen.
 * @param {HTMLElement} host
 * @param {{title: string, message: string, confirmLabel: string}} question
 */
export function confirmInPage(host, { title, message, confirmLabel }) {
  return new Promise((resolve) => {
    const titleId = uniqueId("hv-dialog-title");
    const cancel = h("button", { type: "button", class: "secondary", value: "cancel" }, "Cancel");
    const confirm = h("button", { type: "button", class: "danger", value: "confirm" }, confirmLabel);
    const dialog = h(
      "dialog",
      { class: "hv-dialog", "aria-labelledby": titleId },
      h("h2", { id: titleId }, title),
      h("p", {}, message),
      h("div", { class: "actions" }, cancel, confirm),
    );
    let answer = false;
    cancel.addEventListener("click", () => dialog.close());
    confirm.addEventListener("click", () => {
      answer = true;
      dialog.close();
    });
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(answer);
    });
    host.append(dialog);
    dialog.showModal();
    // The safe choice has the focus: Enter right away does not delete anything.
    cancel.focus();
  });
}
