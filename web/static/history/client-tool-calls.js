// The agent's client tools in the built-in view, as ChatKit's onClientTool does them: an answer
// that stops at a pending client_tool_call (copy_to_clipboard, open_url) has the page carry it
// out (lib/client-tools.js), and the result goes back with threads.add_client_tool_output,
// whose answer streams on.

import { handleClientTool } from "../lib/client-tools.js";
import { addClientToolOutput } from "./stream.js";

/** Yields `events` as they come, keeping in `found.call` the client tool call the answer
 * stopped at, if any. */
export async function* notingClientToolCall(events, found) {
  for await (const event of events) {
    const item = event.item;
    if (event.type === "thread.item.done" && item?.type === "client_tool_call" && item.status === "pending") {
      found.call = item;
    }
    yield event;
  }
}

/** Carries out `call` and resolves to the events of the answer that goes on from its result. */
export async function answerClientToolCall(call, signal) {
  const result = await handleClientTool({ name: call.name, params: call.arguments });
  return addClientToolOutput({ threadId: call.thread_id, result, signal });
}
