// Sending a message (or asking again after a failed answer) over the ChatKit protocol and
// reading the answer as it streams: a POST to /chatkit whose body is Server-Sent Events, each
// event's data one ChatKit event in JSON.

import { readEventStream } from "../lib/event-stream.js";
import { authorizedFetch } from "../session.js";
import { inferenceOptions } from "./model-picker.js";

/**
 * Starts a new thread (threadId null) or adds to one, with the shared context if any and the
 * ids of attachments already uploaded. Resolves to the stream of ChatKit events, parsed;
 * rejects with an Error in the server's words if it refuses.
 */
export async function sendUserMessage({ threadId, text, context, attachmentIds = [], signal }) {
  const input = { content: [{ type: "input_text", text }], attachments: attachmentIds, inference_options: inferenceOptions() };
  const request = threadId
    ? { type: "threads.add_user_message", params: { thread_id: threadId, input } }
    : { type: "threads.create", params: { input } };
  if (context) request.metadata = { context };
  return streamRequest(request, signal);
}

/**
 * Asks for a new answer to the user message `itemId` (after a failed one): the server drops
 * every item after it and answers again. The context shared with that message goes again, as
 * the server stores it anew with the answer.
 */
export function retryAfterItem({ threadId, itemId, context, signal }) {
  const request = { type: "threads.retry_after_item", params: { thread_id: threadId, item_id: itemId } };
  if (context) request.metadata = { context };
  return streamRequest(request, signal);
}

/** A widget's action (Allow or Deny on a tool call) for the item `itemId`; the answer it
 * resumes streams back. */
export function sendCustomAction({ threadId, itemId, action, signal }) {
  return streamRequest({ type: "threads.custom_action", params: { thread_id: threadId, item_id: itemId, action } }, signal);
}

/** The result of a client tool the answer stopped at (client-tool-calls.js); the answer goes
 * on from it. */
export function addClientToolOutput({ threadId, result, signal }) {
  return streamRequest({ type: "threads.add_client_tool_output", params: { thread_id: threadId, result } }, signal);
}

/** Aborting `signal` stops reading, which ends the model call on the server; what was
 * streamed until then is saved there. */
async function streamRequest(request, signal) {
  const response = await authorizedFetch("/chatkit", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    body: JSON.stringify(request),
    signal,
  });
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error(body?.error?.message || `${response.status} ${response.statusText}`);
  }
  return answerEvents(response.body);
}

async function* answerEvents(body) {
  for await (const event of readEventStream(body)) yield JSON.parse(event.data);
}
