// What the Copy and Insert buttons under an answer do, in ChatKit's widget and in the built-in
// view alike. The buttons name the answer (its thread and item id); its text is read back from
// the server, and the server checks on Insert that the text is the model's own. Copy goes through
// the app (Python sets the clipboard): inside the app's window the page may not write it itself.

import { postJson } from "../session.js";

const COPY_ACTION = "answer.copy";
const INSERT_ACTION = "answer.insert";
// The buttons come right after their answer: the newest page of items nearly always holds it.
const ITEMS_PAGE = 20;

/** The text of the answer `itemId`, as the model wrote it. */
async function answerText(threadId, itemId) {
  let after = null;
  do {
    const page = await postJson("/chatkit", {
      type: "items.list",
      params: { thread_id: threadId, limit: ITEMS_PAGE, order: "desc", after },
    });
    const answer = page.data.find((item) => item.id === itemId);
    if (answer) return (answer.content || []).map((part) => part.text || "").join("");
    after = page.has_more ? page.after : null;
  } while (after);
  throw new Error("This answer is no longer in the conversation.");
}

/**
 * The app's clipboard first; under `serve` the server has no window and says so, and a browser
 * then lets the page write its own.
 */
export async function copyText(text) {
  try {
    await postJson("/api/clipboard", { text });
  } catch (windowRefusal) {
    if (!navigator.clipboard) throw windowRefusal;
    await navigator.clipboard.writeText(text);
  }
}

/**
 * Carries out a button's action ({type, payload: {thread_id, item_id}}). Resolves to what to
 * tell the user ("Copied", "Inserted into …"); rejects with an Error in the server's words.
 * Resolves to null for actions that are not these buttons'.
 */
export async function performAnswerAction(action) {
  if (action?.type !== COPY_ACTION && action?.type !== INSERT_ACTION) return null;
  const { thread_id: threadId, item_id: itemId } = action.payload || {};
  const text = await answerText(threadId, itemId);
  if (action.type === COPY_ACTION) {
    await copyText(text);
    return "Copied";
  }
  const { inserted_into: target } = await postJson("/api/insert", { text, thread_id: threadId, item_id: itemId });
  return `Inserted into “${target.title || target.app}”`;
}
