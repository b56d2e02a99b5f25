// Ctrl+K and Ctrl+Shift+F (Cmd on macOS) search every conversation, wherever the user is. In our
// own page they arrive as key presses. While ChatKit's frame has the focus they never reach the
// page (the frame is another origin's document), so the desktop window catches them itself and
// sends NATIVE_SEARCH_EVENT instead (desktop/window/qt_shortcuts.py).

export const NATIVE_SEARCH_EVENT = "chatkit-desktop:search";
const MAC = /Mac|iPhone|iPad/.test(navigator.platform);

function isSearchKey(event) {
  const primary = MAC ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  if (!primary || event.altKey) return false;
  const key = event.key.toLowerCase();
  return (key === "k" && !event.shiftKey) || (key === "f" && event.shiftKey);
}

/** Calls onSearch for each press of the keys, and for each press the desktop window sends. */
export function listenForSearchKeys(onSearch) {
  // Capturing, so the press is ours before the built-in view reads Ctrl+F from it.
  document.addEventListener(
    "keydown",
    (event) => {
      if (!isSearchKey(event)) return;
      event.preventDefault();
      onSearch();
    },
    { capture: true },
  );
  window.addEventListener(NATIVE_SEARCH_EVENT, () => onSearch());
}
