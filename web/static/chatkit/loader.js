// Loads OpenAI's ChatKit web component. Its code exists only on OpenAI's CDN and changes
// without notice, so loading can fail, hang or define nothing: each way ends in a reason the
// page shows when the built-in view takes over.

export const CHATKIT_SCRIPT_URL = "https://cdn.platform.openai.com/deployments/chatkit/chatkit.js";
export const CHATKIT_ELEMENT = "openai-chatkit";
const DEFINE_TIMEOUT_MS = 15_000;
const UNREACHABLE =
  "ChatKit could not be loaded from OpenAI's CDN (cdn.platform.openai.com): " +
  "you may be offline, or the address is blocked.";
const TOO_SLOW =
  `ChatKit did not start within ${DEFINE_TIMEOUT_MS / 1000} seconds ` +
  "of loading from OpenAI's CDN.";

export class ChatKitUnavailable extends Error {}

let loading = null;

function addScript() {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = CHATKIT_SCRIPT_URL;
    script.async = true;
    script.addEventListener("load", resolve);
    script.addEventListener("error", () => {
      // A later retry adds a fresh element, which fetches the script again.
      script.remove();
      reject(new ChatKitUnavailable(UNREACHABLE));
    });
    document.head.append(script);
  });
}

function timeout(ms, message) {
  return new Promise((_, reject) => {
    setTimeout(() => reject(new ChatKitUnavailable(message)), ms);
  });
}

/** Resolves once <openai-chatkit> is defined; rejects with a ChatKitUnavailable. */
export function loadChatKitElement() {
  if (customElements.get(CHATKIT_ELEMENT)) return Promise.resolve();
  if (!loading) {
    loading = Promise.race([
      addScript().then(() => customElements.whenDefined(CHATKIT_ELEMENT)),
      timeout(DEFINE_TIMEOUT_MS, TOO_SLOW),
    ]).finally(() => {
      loading = null;
    });
  }
  return loading;
}
