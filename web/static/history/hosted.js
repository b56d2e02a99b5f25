// Conversations mirrored from an Agent Builder workflow (metadata.hosted, set by the server's
// offline mirror): marked as hosted in the list and the open thread, and read-only here, since
// the workflow runs at OpenAI and only ChatKit in workflow mode can continue them.

import { h } from "../lib/dom.js";

/** A short mark for the list; null for a conversation of this app's own agent. */
export function hostedBadge(hosted) {
  if (!hosted) return null;
  const label = hosted.deleted ? "hosted · deleted there" : "hosted";
  return h("span", { class: "hv-hosted-badge", title: hostedSentence(hosted) }, label);
}

/** What the open conversation says above its messages; null for a local one. */
export function hostedNotice(hosted) {
  if (!hosted) return null;
  return h("p", { class: "hv-hosted-notice", role: "note" }, hostedSentence(hosted));
}

function hostedSentence(hosted) {
  const deleted = hosted.deleted
    ? " It has been deleted there; this copy stays until you delete it."
    : "";
  return (
    "A read-only copy of a conversation hosted by your Agent Builder workflow. " +
    `Continue it in ChatKit with Settings → Agent set to the workflow.${deleted}`
  );
}
