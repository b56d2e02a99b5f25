// Sending a message over the ChatKit protocol and reading the answer as it streams: a POST to
// /chatkit whose body is Server-Sent Events, read with fetch and a ReadableStream (EventSource
// can neither POST nor send the token).

import { authorizedFetch } from "../session.js";

/** Each `data:` payload of an SSE body, parsed, as it arrives. */
export async function* serverSentEvents(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value.replace(/\r\n?/g, "\n");
      let end;
      while ((end = buffer.indexOf("\n\n")) !== -1) {
        const event = parseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event !== null) yield event;
      }
    }
    const last = parseEvent(buffer);
    if (last !== null) yield last;
  } finally {
    reader.releaseLock();
  }
}

function parseEvent(block) {
  const data = block
    .split("\n")
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(5).replace(/^ /, ""))
    .join("\n");
  return data ? JSON.parse(data) : null;
}

/**
 * Starts a new thread (threadId null) or adds to one, with the shared context if any. Resolves
 * to the stream of events; rejects with an Error in the server's words if it refuses.
 */
export async function sendUserMessage({ threadId, text, context, signal }) {
  const input = { content: [{ type: "input_text", text }], attachments: [], inference_options: {} };
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
  return serverSentEvents(response.body);
}
