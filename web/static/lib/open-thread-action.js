// The widget action that opens a saved conversation: a row of what search_conversations found
// carries it (server/agent/tools/conversation_hits_widget.py). ChatKit hands it to widgets.onAction
// (chatkit/conversation-links.js); the built-in view draws the row as a button (history/widget-item.js).

const OPEN_THREAD_ACTION = "thread.open";

/** The id of the thread `action` opens, or null when it is not that action. */
export function threadToOpen(action) {
  const threadId = action?.type === OPEN_THREAD_ACTION ? action.payload?.thread_id : null;
  return typeof threadId === "string" ? threadId : null;
}
