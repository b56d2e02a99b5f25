// One message sent from the view and its answer read as it streams, each ChatKit event applied
// to the thread view and the list. Errors arrive as `error` events and are shown in words.

import { setPendingContext, takePendingContext } from "../session.js";
import { sendUserMessage } from "./stream.js";

const GENERIC_STREAM_ERROR = "Something went wrong while answering. Try sending your message again.";

/**
 * Sends `text` to the thread the view shows (a new thread if none) with the pending context
 * and the attachments already uploaded (their ids).
 * If the user opens another thread meanwhile, the answer goes on being stored but is no
 * longer drawn; the list still learns of a new thread and its title.
 * @param {{view: import("./thread-view.js").ThreadView,
 *          onThread: (thread: object, created: boolean) => void}} parts
 * @returns {Promise<boolean>} false when the server refused the message before any answer
 */
export async function sendAndStream({ view, onThread }, text, attachmentIds = []) {
  const context = takePendingContext();
  let events;
  try {
    events = await sendUserMessage({ threadId: view.threadId, text, context, attachmentIds });
  } catch (failure) {
    // Nothing was sent: the context waits for the next try, as the text does.
    if (context) setPendingContext(context);
    view.showProblem(`Your message was not sent: ${failure.message}`);
    return false;
  }
  const stream = { view, onThread, context, generation: view.generation, contextShown: context === null };
  try {
    for await (const event of events) apply(stream, event);
  } catch (failure) {
    if (stream.generation === view.generation) view.showProblem(`The answer broke off: ${failure.message}`);
  } finally {
    view.showProgress("");
  }
  return true;
}

function apply(stream, event) {
  const { view, onThread } = stream;
  if (event.type === "thread.created") {
    if (stream.generation === view.generation) {
      view.startThread(event.thread);
      stream.generation = view.generation;
    }
    onThread(event.thread, true);
    return;
  }
  if (event.type === "thread.updated") {
    if (stream.generation === view.generation) view.setTitle(event.thread.title);
    onThread(event.thread, false);
    return;
  }
  if (stream.generation !== view.generation) return;
  switch (event.type) {
    case "thread.item.added":
    case "thread.item.done":
    case "thread.item.replaced":
      view.upsertItem(event.item);
      // The context the server stored with the message is what was sent with it.
      if (!stream.contextShown && event.item.type === "user_message") {
        view.setContext(event.item.id, stream.context);
        stream.contextShown = true;
      }
      break;
    case "thread.item.removed":
      view.removeItem(event.item_id);
      break;
    case "thread.item.updated":
      if (event.update.type === "assistant_message.content_part.text_delta") {
        view.appendDelta(event.item_id, event.update.content_index, event.update.delta);
      }
      break;
    case "progress_update":
      view.showProgress(event.text);
      break;
    case "notice":
      view.showProblem(event.message, { kind: event.level === "danger" ? "error" : "notice" });
      break;
    case "error":
      view.showProblem(event.message || GENERIC_STREAM_ERROR);
      break;
    default:
      break;
  }
}
