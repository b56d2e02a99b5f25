// A status line whose passing messages ("Saved", "Copied", an export done) fade out after a few
// seconds, while a lasting one (an error that needs reading) stays until replaced.

const SHOWN_MS = 4000;
// As long as the opacity transition in app.css (.fading-status).
const FADE_MS = 400;

/** Shows `text` in `element`; with `transient`, fades it out and empties it afterwards. */
export function showStatus(element, text, { transient = false } = {}) {
  clearTimeout(element._fadeTimer);
  element.classList.remove("faded");
  element.textContent = text;
  if (!transient) return;
  element._fadeTimer = setTimeout(() => {
    element.classList.add("faded");
    element._fadeTimer = setTimeout(() => {
      element.textContent = "";
      element.classList.remove("faded");
    }, FADE_MS);
  }, SHOWN_MS);
}
