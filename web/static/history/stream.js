// Sending a message over the ChatKit protocol and reading the answer as it streams: a POST to
// /chatkit whose body is Server-Sent Events, each event's data one ChatKit event in JSON.

import { readEventStream } from "../lib/event-stream.js";
import { authorizedFetch } from "../session.js";

/**
 * Starts a new thread (threadId null) or adds to one, with the shared context if any and the
 * ids of attachments already uploaded. Resolves to the stream of ChatKit events, parsed;
 * rejects with an Error in the server's words if it refuses.
 */
export async function sendUserMessage({ threadId, text, context, attachmentIds = [], signal }) {
  const input = { content: [{ type: "input_text", text }], attachments: attachmentIds, inference_options: {} };
  const request = threadId
    ? { type: "threads.add_user_message", params: { thread_id: threadId, input } }
    : { type: "threads.create", params: { input } };
  if (context) request.metadata = { context };
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
