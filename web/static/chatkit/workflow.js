// Workflow mode: ChatKit runs an Agent Builder workflow hosted by OpenAI. It authenticates with
// a short-lived client secret that our server makes with the user's key (which never reaches
// the page): the first call of getClientSecret asks for a session, later ones for a refresh.
// The frame talks to OpenAI directly, so the shared context goes into the message itself, and
// each finished answer asks the server to mirror the conversation for offline reading.

import { getPendingContext, onPendingContextChange, postJson, takePendingContext } from "../session.js";
import { quotedContext } from "../ask/quoted-context.js";

export function isWorkflowMode(settings) {
  return settings.agent === "workflow";
}

/** Whether a settings change needs ChatKit started again: another agent or workflow. */
export function agentChanged(before, after) {
  if (isWorkflowMode(before) !== isWorkflowMode(after)) return true;
  return (
    isWorkflowMode(after) &&
    (before.workflow_id !== after.workflow_id || before.workflow_version !== after.workflow_version)
  );
}

/** ChatKit's `api` option for a hosted workflow. Failures reject with the server's sentence. */
export function workflowApi() {
  return {
    async getClientSecret(currentClientSecret) {
      const session = currentClientSecret
        ? await postJson("/api/chatkit/refresh", { current_client_secret: currentClientSecret })
        : await postJson("/api/chatkit/session", {});
      return session.client_secret;
    },
  };
}

/**
 * Wires a ready ChatKit element for workflow mode; returns the function that undoes it.
 * An ask's context becomes a quoted block in the composer, once main.js has had its turn with
 * it and the new conversation it opens is up (`threadOpened` resolves then: a new conversation
 * starts with an empty composer); every answer's end syncs its thread.
 * @param {HTMLElement} element
 * @param {() => Promise<void>} threadOpened
 */
export function attachWorkflow(element, threadOpened) {
  let threadId = null;
  const onThreadChange = (event) => {
    threadId = event.detail?.threadId ?? null;
  };
  const onResponseEnd = () => {
    postJson("/api/hosted/sync", threadId ? { thread_id: threadId } : {}).catch((failure) => {
      console.warn(`The conversation was not copied for offline reading: ${failure.message}`);
    });
  };
  let detached = false;
  const intoComposer = () => {
    if (detached || !getPendingContext()) return;
    const text = quotedContext(takePendingContext());
    if (!text) return;
    element.setComposerValue({ text });
    element.focusComposer();
  };
  // After main.js's own handling of the ask in this turn, which may open a new conversation.
  let waiting = null;
  const schedule = () => {
    if (getPendingContext() === null || waiting !== null) return;
    waiting = setTimeout(async () => {
      await threadOpened();
      waiting = null;
      intoComposer();
    }, 0);
  };
  const unsubscribe = onPendingContextChange(schedule);
  element.addEventListener("chatkit.thread.change", onThreadChange);
  element.addEventListener("chatkit.response.end", onResponseEnd);
  schedule();
  return () => {
    detached = true;
    clearTimeout(waiting);
    unsubscribe();
    element.removeEventListener("chatkit.thread.change", onThreadChange);
    element.removeEventListener("chatkit.response.end", onResponseEnd);
  };
}
