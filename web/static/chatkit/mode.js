// ChatKit mode: OpenAI's <openai-chatkit> element talking to our /chatkit. It starts only if
// the element is defined in time and then reports ready; an error before that counts as a
// failure to start, and the caller hands over to the built-in view.
// With Settings → Agent set to a workflow, ChatKit runs it at OpenAI instead (workflow.js).
//
// An ask with something to share starts a new conversation (setThreadId(null)); the context card
// offers to add it to the conversation that was open instead.

import { CHATKIT_ELEMENT, ChatKitUnavailable, loadChatKitElement } from "./loader.js";
import { ContextCard } from "../ask/card.js";
import { buildChatKitOptions } from "./options.js";
import { agentChanged, attachWorkflow, isWorkflowMode, workflowApi } from "./workflow.js";
import { maxAttachmentBytes } from "../lib/attachments.js";
import { threadItems } from "../history/api.js";
import { loadOfferedModels } from "../lib/models.js";

const READY_TIMEOUT_MS = 20_000;
const DARK = "(prefers-color-scheme: dark)";

function waitUntilReady(element) {
  return new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      element.removeEventListener("chatkit.ready", onReady);
      element.removeEventListener("chatkit.error", onError);
    };
    const onReady = () => {
      stop();
      resolve();
    };
    const onError = (event) => {
      stop();
      const detail = event.detail?.error?.message || event.detail?.message || "an unknown error";
      reject(new ChatKitUnavailable(`ChatKit failed to start: ${detail}`));
    };
    const timer = setTimeout(() => {
      stop();
      const seconds = READY_TIMEOUT_MS / 1000;
      reject(new ChatKitUnavailable(`ChatKit did not become ready within ${seconds} seconds.`));
    }, READY_TIMEOUT_MS);
    element.addEventListener("chatkit.ready", onReady);
    element.addEventListener("chatkit.error", onError);
  });
}

/**
 * Shows ChatKit in `root`. Resolves to a controller once ChatKit is ready; rejects with a
 * ChatKitUnavailable whose message says why it could not start.
 * @param {HTMLElement} root
 * @param {{settings: {domain_key: string}, onOpenSettings: () => void,
 *   onOpenSearch: () => void}} options
 * @returns {Promise<{applySettings: (settings: object) => void, focusComposer: () => void,
 *   showThread: (threadId: string) => void, currentThreadId: () => string | null,
 *   startAsk: () => Promise<void>, needsRestart: (settings: object) => boolean,
 *   destroy: () => void}>} `applySettings` passes
 *   ChatKit the whole set again when the domain key or the attachment limit changed.
 */
export async function startChatKitMode(root, { settings, onOpenSettings, onOpenSearch }) {
  await loadChatKitElement();
  const element = document.createElement(CHATKIT_ELEMENT);
  element.className = "chatkit";
  const dark = window.matchMedia(DARK);
  let domainKey = settings.domain_key;
  let attachmentBytes = maxAttachmentBytes(settings);
  let models = [];
  let destroyed = false;
  // An Agent Builder workflow runs at OpenAI, with a session our server makes (workflow.js).
  const hostedApi = isWorkflowMode(settings) ? workflowApi() : null;

  const apply = () =>
    element.setOptions(
      buildChatKitOptions({
        domainKey,
        colorScheme: dark.matches ? "dark" : "light",
        maxAttachmentBytes: attachmentBytes,
        onOpenSettings,
        onOpenSearch,
        onOpenThread: (chosen) => showThread(chosen),
        models: hostedApi ? [] : models,
        hostedApi,
      }),
    );
  // Once ChatKit is up: asking an endpoint for its models must not hold back the first screen.
  const offerModels = async () => {
    const offered = await loadOfferedModels();
    if (destroyed || JSON.stringify(offered) === JSON.stringify(models)) return;
    models = offered;
    apply();
  };
  const offerModelsLater = () =>
    offerModels().catch((failure) => console.warn(`ChatKit's model menu was not updated: ${failure.message}`));
  const ready = waitUntilReady(element);
  // Awaited below, unless setOptions throws first: then its timeout must not surface later as
  // an unhandled rejection.
  ready.catch(() => {});
  // Above ChatKit's frame: the frame is OpenAI's, and what we are about to send is ours to show.
  const card = new ContextCard();
  root.replaceChildren(card.element, element);
  try {
    apply();
    await ready;
  } catch (failure) {
    card.stop();
    card.element.remove();
    element.remove();
    throw failure instanceof ChatKitUnavailable
      ? failure
      : new ChatKitUnavailable(`ChatKit failed to start: ${failure.message}`);
  }
  dark.addEventListener("change", apply);
  offerModelsLater();
  // The switch to a new conversation an ask started; workflow.js fills the composer after it.
  let threadOpening = Promise.resolve();
  const detachWorkflow = hostedApi ? attachWorkflow(element, () => threadOpening) : () => {};
  // The conversation on screen, for the search dialog's "export this conversation".
  let threadId = null;
  element.addEventListener("chatkit.thread.change", (event) => {
    threadId = event.detail?.threadId ?? null;
    // Another conversation chosen in ChatKit's own list: the ask's choice no longer applies.
    const previous = card.destination?.previous;
    if (previous && threadId !== null && threadId !== previous) card.setDestination(null);
  });
  /** Opens a saved thread, ready for the next message. */
  function showThread(chosen) {
    card.setDestination(null);
    element.setThreadId(chosen);
    threadId = chosen;
    element.focusComposer();
  }
  return {
    applySettings(next) {
      offerModelsLater();
      const nextBytes = maxAttachmentBytes(next);
      if (next.domain_key === domainKey && nextBytes === attachmentBytes) return;
      domainKey = next.domain_key;
      attachmentBytes = nextBytes;
      apply();
    },
    focusComposer() {
      element.focusComposer();
    },
    showThread,
    /** An ask with context: a new conversation, the card offering the one that was open. */
    async startAsk() {
      const previous = threadId ?? card.destination?.previous ?? null;
      // ChatKit's setThreadId resolves once the new conversation (and its empty composer) is up.
      threadOpening = Promise.resolve(element.setThreadId(null)).catch(() => {});
      threadId = null;
      element.focusComposer();
      await threadOpening;
      if (previous === null) return;
      const choice = {
        previous,
        title: "the conversation that was open",
        addToThread: false,
        onChange: (addToThread) => {
          element.setThreadId(addToThread ? previous : null);
          threadId = addToThread ? previous : null;
          element.focusComposer();
        },
      };
      card.setDestination(choice);
      try {
        const { thread } = await threadItems(previous, { limit: 1 });
        if (card.destination === choice && thread.title) {
          choice.title = thread.title;
          card.setDestination(choice);
        }
      } catch {
        // The general name stays: the choice works without the title.
      }
    },
    /** The conversation on screen; null on ChatKit's start screen. */
    currentThreadId() {
      return threadId;
    },
    /** Whether `next` runs another agent, which needs ChatKit started again. */
    needsRestart(next) {
      return agentChanged(settings, next);
    },
    destroy() {
      destroyed = true;
      detachWorkflow();
      dark.removeEventListener("change", apply);
      card.stop();
      card.element.remove();
      element.remove();
    },
  };
}
