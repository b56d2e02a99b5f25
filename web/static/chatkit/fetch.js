// The fetch ChatKit uses for every request to our server: it adds the session's token and,
// on a new message, the context the user chose to share (into metadata.context, where the
// server reads it). The context travels with exactly one message; a message that does not
// reach the server gives it back for the next try.

import {
  authorizedFetch,
  getPendingContext,
  setPendingContext,
  takePendingContext,
} from "../session.js";

const CONTEXT_REQUEST_TYPES = new Set(["threads.create", "threads.add_user_message"]);

function withPendingContext(body) {
  let payload;
  try {
    payload = JSON.parse(body);
  } catch {
    return { body, context: null };
  }
  if (!payload || !CONTEXT_REQUEST_TYPES.has(payload.type) || !getPendingContext()) {
    return { body, context: null };
  }
  const context = takePendingContext();
  payload.metadata = { ...(payload.metadata || {}), context };
  return { body: JSON.stringify(payload), context };
}

function giveBack(context) {
  // Unless the user has picked new context in the meantime.
  if (context && getPendingContext() === null) setPendingContext(context);
}

/** A drop-in for window.fetch, as ChatKit's `api.fetch` option. */
export async function chatkitFetch(input, init = {}) {
  const request = new Request(input, init);
  if (new URL(request.url).origin !== window.location.origin) {
    // The token is for our server only.
    return fetch(request);
  }
  const text = request.method === "GET" || request.method === "HEAD" ? null : await request.text();
  const { body, context } = text === null ? { body: null, context: null } : withPendingContext(text);
  let response;
  try {
    response = await authorizedFetch(request.url, {
      method: request.method,
      headers: request.headers,
      body,
      signal: request.signal,
      cache: "no-store",
    });
  } catch (failure) {
    giveBack(context);
    throw failure;
  }
  if (!response.ok) giveBack(context);
  return response;
}
