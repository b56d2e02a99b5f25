// The global shortcut's field: type a combination (Ctrl+Alt+Space), or press one while the
// field has the focus, or leave it empty for none. Below it, what became of it: active, or the
// reason it is not (another program holds it; a Wayland desktop, where `chatkit-desktop ask`
// is bound as a desktop shortcut instead).

import { apiJson } from "../session.js";
import { h, uniqueId } from "../lib/dom.js";

const MODIFIER_KEYS = new Set(["Control", "Alt", "Shift", "Meta", "AltGraph", "OS", "Super"]);
const KEY_NAMES = { " ": "Space", Escape: "Esc" };

export function loadShortcut() {
  return apiJson("/api/shortcut");
}

/** The combination a key press makes, or null when it is not one (no modifier, or only one). */
export function combinationOf(event) {
  if (MODIFIER_KEYS.has(event.key)) return null;
  const modifiers = [];
  if (event.ctrlKey) modifiers.push("Ctrl");
  if (event.altKey) modifiers.push("Alt");
  if (event.shiftKey) modifiers.push("Shift");
  if (event.metaKey) modifiers.push("Super");
  // Shift alone would take every capital letter typed into the field.
  if (!modifiers.some((name) => name !== "Shift")) return null;
  const key = KEY_NAMES[event.key] || (event.key.length === 1 ? event.key.toUpperCase() : event.key);
  return [...modifiers, key].join("+");
}

/** ``setting``: the combination as saved, which the app may not have taken up yet. */
export function describeShortcut(state, setting) {
  if (state.active) return `${state.combination} works in every application.`;
  if (state.problem) return state.problem;
  // The app registers it once its window has loaded, a moment after the page asks.
  if (setting) return `${setting} is being set up.`;
  return "No shortcut is set.";
}

export function shortcutField(settings, state) {
  const id = uniqueId("shortcut");
  const stateId = uniqueId("shortcut-state");
  const input = h("input", {
    id,
    name: "shortcut",
    type: "text",
    value: settings.shortcut,
    placeholder: "None",
    spellcheck: "false",
    autocomplete: "off",
    "aria-describedby": stateId,
  });
  input.addEventListener("keydown", (event) => {
    const combination = combinationOf(event);
    if (combination === null) return;
    event.preventDefault();
    input.value = combination;
  });
  // Announced when it changes, without a second status role beside the panel's save result.
  const stateLine = h(
    "p",
    { id: stateId, class: state.problem ? "notice warning" : "hint", "aria-live": "polite" },
    describeShortcut(state, settings.shortcut),
  );
  const element = h(
    "div",
    { class: "field" },
    h("label", { for: id }, "Shortcut to ask about the selected text"),
    input,
    h("p", { class: "hint" }, "Press the keys here, or type them (Ctrl+Alt+Space). Empty for none."),
    stateLine,
  );
  return {
    element,
    changes: () => ({ shortcut: input.value.trim() }),
    /** After a save: the shortcut as the app now has it. */
    async refresh() {
      let next;
      try {
        next = await loadShortcut();
      } catch (failure) {
        stateLine.className = "notice warning";
        stateLine.textContent = `Saved, but the shortcut's state could not be read: ${failure.message}`;
        return;
      }
      stateLine.className = next.problem ? "notice warning" : "hint";
      stateLine.textContent = describeShortcut(next, input.value.trim());
    },
  };
}
