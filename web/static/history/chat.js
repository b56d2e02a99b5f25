// One message sent from the view (or a failed answer asked for again) and its answer read as it
// streams, each ChatKit event applied to the thread view and the list. Errors arrive as `error`
// events and are shown in words, with a Retry button when the server allows one. Aborting the
// signal (the Stop button) ends the answer where it is: what was shown stays, and the server,
// seeing the client go, ends the model call and saves what was streamed.

import { setPendingContext, takePendingContext } from "../session.js";
import { retryAfterItem, sendCustomAction, sendUserMessage } from "./stream.js";
import { answerClientToolCall, notingClientToolCall } from "./client-tool-calls.js";

const GENERIC_STREAM_ERROR = "Something went wrong while answering. Try sending your message again.";

/**
 * @typedef {{view: import("./thread-view.js").ThreadView,
 *   onThread: (thread: object, created: boolean) => void,
 *   onRetry: (target: {threadId: string, itemId: string, context: object|null}) => void,
 *   signal: AbortSignal}} Parts
 */

/**
 * Sends `text` to the thread the view shows (a new thread if none) with the pending context
 * and the attachments already uploaded (their ids).
 * If the user opens another thread meanwhile, the answer goes on being stored but is no
 * longer drawn; the list still learns of a new thread and its title.
 * @param {Parts} parts
 * @returns {Promise<boolean>} false when the server refused the message before any answer
 */
export async function sendAndStream(parts, text, attachmentIds = []) {
  const { view, signal } = parts;
  const context = takePendingContext();
  let events;
  try {
    events = await sendUserMessage({ threadId: view.threadId, text, context, attachmentIds, signal });
  } catch (failure) {
    // Nothing was sent: the context waits for the next try, as the text does.
    if (context) setPendingContext(context);
    if (failure.name !== "AbortError") view.showProblem(`Your message was not sent: ${failure.message}`);
    return false;
  }
  await readAnswer({ ...parts, context, contextShown: context === null, userItemId: null }, events);
  return true;
}

/**
 * Asks again for the answer to a user message whose answer failed: the items after it go, on
 * the server and on screen, and the new answer streams in their place.
 * @param {Parts} parts
 * @param {{threadId: string, itemId: string, context: object|null}} target
 */
export async function retryAndStream(parts, target) {
  const { view, signal } = parts;
  if (view.threadId !== target.threadId) return;
  view.removeItemsAfter(target.itemId);
  let events;
  try {
    events = await retryAfterItem({ ...target, signal });
  } catch (failure) {
    if (failure.name !== "AbortError") view.showProblem(`Could not ask again: ${failure.message}`);
    return;
  }
  await readAnswer({ ...parts, context: target.context, contextShown: true, userItemId: target.itemId }, events);
}

/**
 * Sends a widget's action (Allow or Deny on a tool call waiting for approval) and reads the
 * answer the run goes on with.
 * @param {Parts} parts
 * @param {{itemId: string, action: object}} decision
 * @returns {Promise<boolean>} whether the decision reached the server
 */
export async function actionAndStream(parts, decision) {
  const { view, signal } = parts;
  let events;
  try {
    events = await sendCustomAction({ threadId: view.threadId, ...decision, signal });
  } catch (failure) {
    if (failure.name !== "AbortError") view.showProblem(`Your answer was not sent: ${failure.message}`);
    return false;
  }
  await readAnswer({ ...parts, context: null, contextShown: true, userItemId: null }, events);
  return true;
}

async function readAnswer(parts, events) {
  const stream = { ...parts, generation: parts.view.generation };
  const { view } = stream;
  const pending = { call: null };
  try {
    for await (const event of notingClientToolCall(events, pending)) apply(stream, event);
  } catch (failure) {
    if (stream.generation !== view.generation) return;
    // Stopped by the user: the answer so far stays as it is.
    if (failure.name === "AbortError") view.markStopped();
    else view.showProblem(`The answer broke off: ${failure.message}`);
  } finally {
    view.showProgress("");
  }
  // The agent asked the page to copy or open something: done, the answer goes on from there.
  if (pending.call && stream.generation === view.generation) {
    const next = await answerClientToolCall(pending.call, parts.signal).catch((failure) => {
      if (failure.name !== "AbortError") view.showProblem(`The answer could not go on: ${failure.message}`);
      return null;
    });
    if (next) await readAnswer({ ...parts, contextShown: true }, next);
  }
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
      if (event.item.type === "user_message" && stream.userItemId !== event.item.id) {
        stream.userItemId = event.item.id;
        // The context the server stored with the message is what was sent with it.
        if (!stream.contextShown) {
          view.setContext(event.item.id, stream.context);
          stream.contextShown = true;
        }
        // Sent: the message at the top of the view, its answer arriving beneath it.
        view.scrollToItem(event.item.id);
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
    case "error": {
      const target = { threadId: view.threadId, itemId: stream.userItemId, context: stream.context };
      const retry = event.allow_retry && target.threadId && target.itemId ? () => stream.onRetry(target) : null;
      view.showProblem(event.message || GENERIC_STREAM_ERROR, { retry });
      break;
    }
    default:
      break;
  }
}
