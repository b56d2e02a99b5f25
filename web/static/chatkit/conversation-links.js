// Saved conversations inside ChatKit: a row of what search_conversations found opens its thread
// (the widget's client action, through widgets.onAction), and @ in the composer offers the
// saved conversations, from the same search as the built-in view's, to tag one in a message
// (entities.onTagSearch); the server gives the model the tagged thread (tagged_threads.py).

import { listThreads, search } from "../history/api.js";
import { threadToOpen } from "../lib/open-thread-action.js";

const TAG_SUGGESTIONS = 8;
// More hits than suggestions: several may come from one conversation.
const TAG_SEARCH_HITS = 30;
const UNTITLED = "Untitled conversation";

/** Whether `action` opens a thread; if so, `onOpenThread` has been given its id. */
export function openThreadAction(action, onOpenThread) {
  const threadId = threadToOpen(action);
  if (threadId === null) return false;
  onOpenThread(threadId);
  return true;
}

function entity(threadId, title) {
  return {
    id: threadId,
    title: title || UNTITLED,
    icon: "notebook",
    group: "Conversations",
    interactive: true,
    data: { thread_id: threadId },
  };
}

/** ChatKit's entities.onTagSearch: the newest conversations for "@", else those that match. */
export async function searchConversationTags(query) {
  const text = query.trim();
  if (text === "") {
    const { data } = await listThreads({ limit: TAG_SUGGESTIONS });
    return data.map((thread) => entity(thread.id, thread.title));
  }
  const { results } = await search(text, { limit: TAG_SEARCH_HITS });
  const seen = new Map();
  for (const hit of results) {
    if (!seen.has(hit.thread_id)) seen.set(hit.thread_id, entity(hit.thread_id, hit.thread_title));
  }
  return [...seen.values()].slice(0, TAG_SUGGESTIONS);
}
