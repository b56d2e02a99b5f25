// Listens for "ask about this" (the hotkey, `chatkit-desktop ask`) on the server's event stream,
// GET /api/events. EventSource cannot send our token, so this reads the stream with fetch.
// A dropped stream is reopened after a pause; an ask sent meanwhile waits on the server.

import { authorizedFetch } from "../session.js";

const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 10_000;

function* serverSentEvents(buffer) {
  let end;
  while ((end = buffer.text.indexOf("\n\n")) !== -1) {
    const block = buffer.text.slice(0, end);
    buffer.text = buffer.text.slice(end + 2);
    let name = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event: ")) name = line.slice("event: ".length);
      else if (line.startsWith("data: ")) data.push(line.slice("data: ".length));
    }
    if (data.length) yield { name, data: data.join("\n") };
  }
}

async function readAsks(onAsk, onListening) {
  const response = await authorizedFetch("/api/events", { cache: "no-store" });
  if (response.status === 401) return "unauthorized";
  if (!response.ok || !response.body) throw new Error(`${response.status} ${response.statusText}`);
  onListening();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const buffer = { text: "" };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return "ended";
    buffer.text += decoder.decode(value, { stream: true });
    for (const event of serverSentEvents(buffer)) {
      if (event.name === "ask") onAsk(JSON.parse(event.data));
    }
  }
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
