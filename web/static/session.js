// The page's session with the local server: the per-launch token and the context waiting to be
// sent with the next message. Shared by the ChatKit mode and the built-in view.

const TOKEN_PARAMETER = "token";

function takeTokenFromFragment() {
  const fragment = new URLSearchParams(window.location.hash.slice(1));
  const token = fragment.get(TOKEN_PARAMETER);
  if (token !== null) {
    // The token stays in memory only: out of the address bar, the history and any bookmark.
    fragment.delete(TOKEN_PARAMETER);
    const rest = fragment.toString();
    const url = window.location.pathname + window.location.search + (rest ? `#${rest}` : "");
    window.history.replaceState(null, "", url);
  }
  return token;
}

const token = takeTokenFromFragment();

export function hasToken() {
  return token !== null;
}

/** fetch() against our own server, with the token; never use it for another origin. */
export function authorizedFetch(input, init = {}) {
  const headers = new Headers(init.headers || {});
  if (token !== null) {
    headers.set("Authorization", `Bearer ${token}`);
  }
  return fetch(input, { ...init, headers });
}

/** Our JSON API: resolves to the parsed body, rejects with an Error carrying the server's words. */
export async function apiJson(path, init = {}) {
  const response = await authorizedFetch(path, init);
  const text = await response.text();
  const body = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const message = body?.error?.message || `${response.status} ${response.statusText}`;
    throw Object.assign(new Error(message), { status: response.status });
  }
  return body;
}

/** A POST of `body` as JSON to our API; resolves and rejects as apiJson does. */
export function postJson(path, body) {
  return apiJson(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

// The context (active window, selected text) the user has agreed to send with their next
// message, in the shape the server reads from metadata.context. The shortcut fills it; the
// context card shows it and lets the user remove parts; sending a message consumes it.
let pendingContext = null;
const listeners = new Set();

export function getPendingContext() {
  return pendingContext;
}

export function setPendingContext(context) {
  const empty = !context || (!context.active_window && !context.selection);
  pendingContext = empty ? null : context;
  for (const listener of listeners) listener(pendingContext);
}

/** Returns the pending context and clears it: it travels with exactly one message. */
export function takePendingContext() {
  const context = pendingContext;
  setPendingContext(null);
  return context;
}

export function onPendingContextChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
