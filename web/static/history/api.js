// The server calls the built-in view makes: the ChatKit protocol's JSON requests on /chatkit,
// and the view's own endpoints under /api. Every call carries the token (session.js).

import { apiJson, postJson } from "../session.js";

function chatkitRequest(type, params) {
  return postJson("/chatkit", { type, params });
}

/** One page of threads, newest first: {data, has_more, after}. */
export function listThreads({ limit, after = null }) {
  return chatkitRequest("threads.list", { limit, order: "desc", after });
}

export function renameThread(threadId, title) {
  return chatkitRequest("threads.update", { thread_id: threadId, title });
}

export function deleteThread(threadId) {
  return chatkitRequest("threads.delete", { thread_id: threadId });
}

/** An uploaded file the user took off the message before sending it. */
export function deleteAttachment(attachmentId) {
  return chatkitRequest("attachments.delete", { attachment_id: attachmentId });
}

/** One page of a thread's items, oldest first, with the context shared with its messages. */
export function threadItems(threadId, { after = null, limit = 100 } = {}) {
  const query = new URLSearchParams({ limit: String(limit) });
  if (after) query.set("after", after);
  return apiJson(`/api/threads/${encodeURIComponent(threadId)}/items?${query}`);
}

/** Search hits across every conversation; an aborted search rejects with an AbortError. */
export function search(text, { signal, limit = 30 } = {}) {
  const query = new URLSearchParams({ q: text, limit: String(limit) });
  return apiJson(`/api/search?${query}`, { signal });
}
