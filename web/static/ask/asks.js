// Listens for "ask about this" (the shortcut, `chatkit-desktop ask`) on the server's event stream,
// GET /api/events. A dropped stream is reopened after a pause; an ask sent meanwhile waits on the
// server.

import { readEventStream } from "../lib/event-stream.js";
import { authorizedFetch } from "../session.js";

const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 10_000;

async function readAsks(onAsk, onListening) {
  const response = await authorizedFetch("/api/events", { cache: "no-store" });
  if (response.status === 401) return "unauthorized";
  if (!response.ok || !response.body) throw new Error(`${response.status} ${response.statusText}`);
  onListening();
  for await (const event of readEventStream(response.body)) {
    if (event.name === "ask") onAsk(JSON.parse(event.data));
  }
  return "ended";
}

/**
 * Calls onAsk({id, context}) for every ask, for as long as the page is open.
 * @param {(ask: {id: number, context: object}) => void} onAsk
 */
export async function listenForAsks(onAsk) {
  let pause = RETRY_FIRST_MS;
  for (;;) {
    try {
      const outcome = await readAsks(onAsk, () => {
        pause = RETRY_FIRST_MS;
        document.documentElement.dataset.asks = "listening";
      });
      // Without the token nothing will ever be let in: stop asking.
      if (outcome === "unauthorized") return;
    } catch {
      // The server is restarting or the network stack hiccupped: try again shortly.
    }
    document.documentElement.dataset.asks = "reconnecting";
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, RETRY_MAX_MS);
  }
}
