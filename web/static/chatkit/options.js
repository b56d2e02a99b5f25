// Everything ChatKit is given, built whole each time: setOptions() replaces all options, so a
// change of theme or domain key means passing the full set again.

import { ACCEPTED_TYPES } from "../lib/attachments.js";
import { handleClientTool } from "../lib/client-tools.js";
import { handleAnswerAction } from "./answer-actions.js";
import { openThreadAction, searchConversationTags } from "./conversation-links.js";
import { chatkitFetch } from "./fetch.js";

// Enough for a message about a few screenshots and documents; the size limit is the setting's.
const MAX_ATTACHMENTS_PER_MESSAGE = 10;

const START_PROMPTS = [
  {
    label: "Explain what I selected",
    prompt: "Explain the text I selected, simply.",
    icon: "book-open",
  },
  {
    label: "Improve my writing",
    prompt: "Improve the wording of the text I selected.",
    icon: "lightbulb",
  },
  { label: "Help me plan", prompt: "Help me plan my next steps.", icon: "lifesaver" },
];

export function chatkitApiUrl() {
  // Absolute: ChatKit's own frame lives on OpenAI's origin.
  return new URL("/chatkit", window.location.origin).href;
}

/**
 * @param {{domainKey: string, colorScheme: "light"|"dark", maxAttachmentBytes: number,
 *   onOpenSettings: () => void, onOpenSearch: () => void, onOpenThread?: (id: string) => void,
 *   models?: Array<{id: string, label: string, default: boolean}>,
 *   hostedApi?: {getClientSecret: (current: string|null) => Promise<string>}|null}} choices
 *   `models`: the composer's model picker (lib/models.js); none while the list is not known
 *   yet. `hostedApi`: an Agent Builder workflow's (workflow.js), replacing our server
 */
export function buildChatKitOptions({ domainKey, colorScheme, maxAttachmentBytes, onOpenSettings, onOpenSearch, onOpenThread = () => {}, models = [], hostedApi = null }) {
  return {
    // A hosted workflow (workflow.js) has OpenAI's API instead of ours.
    api: hostedApi ?? {
      url: chatkitApiUrl(),
      domainKey,
      fetch: chatkitFetch,
      // The server answers attachments.create with where to send the bytes (on this server).
      uploadStrategy: { type: "two_phase" },
    },
    theme: { colorScheme },
    frameTitle: "Chat",
    header: {
      enabled: true,
      // Search over every conversation. ChatKit's header icons have no magnifier: its history
      // icon is the nearest, and an icon outside its list could stop ChatKit from starting.
      leftAction: { icon: "history", onClick: onOpenSearch },
      rightAction: { icon: "settings-cog", onClick: onOpenSettings },
    },
    history: { enabled: true, showRename: true, showDelete: true },
    startScreen: { greeting: "What can I help with?", prompts: START_PROMPTS },
    composer: {
      placeholder: "Message ChatKit Desktop",
      attachments: {
        // A workflow's uploads would go to OpenAI, under limits its session sets, not ours.
        enabled: hostedApi === null,
        maxSize: maxAttachmentBytes,
        maxCount: MAX_ATTACHMENTS_PER_MESSAGE,
        accept: ACCEPTED_TYPES,
      },
      ...(models.length > 0 ? { models } : {}),
    },
    // No feedback log behind this server.
    threadItemActions: { feedback: false, retry: true },
    // The agent's copy_to_clipboard and open_url: done by the page, the answer then goes on.
    onClientTool: handleClientTool,
    // The Copy and Insert buttons under an answer to an ask (answer-actions.js), and the rows of
    // what search_conversations found, each opening its conversation (conversation-links.js).
    widgets: { onAction: (action) => openThreadAction(action, onOpenThread) || handleAnswerAction(action) },
    // @ tags a saved conversation; a hosted workflow has no access to them.
    ...(hostedApi === null
      ? { entities: { onTagSearch: searchConversationTags, showComposerMenu: true, onClick: (tagged) => onOpenThread(tagged.data?.thread_id || tagged.id) } }
      : {}),
  };
}
