// STAND-IN for OpenAI's ChatKit web component (<openai-chatkit>). It is NOT ChatKit: the real
// element is served only from OpenAI's CDN, which cannot be reached from the test machines, so
// the browser tests answer requests for the CDN script with this file instead.
//
// It does what the page relies on and nothing more: it records every setOptions() call, says
// chatkit.ready (or chatkit.error, when a test sets window.__standInStart = "error"), shows a
// frame from the CDN's origin, records the threads the page asks it to show, and lets the test
// drive real ChatKit protocol requests through the page's own api.fetch, reading streamed
// answers the way a ChatKit client does. With the page's uploadStrategy "two_phase" it attaches
// a file as ChatKit.js does: attachments.create through api.fetch, the bytes to the returned
// upload_descriptor's URL with its method (multipart, a `file` field; no token of ours), then
// the message naming the attachment's id.

const FRAME_URL = "https://cdn.platform.openai.com/deployments/chatkit/stand-in-frame.html";

function parseServerSentEvents(text) {
  return text
    .split("\n")
    .filter((line) => line.startsWith("data: "))
    .map((line) => JSON.parse(line.slice("data: ".length)));
}

class ChatKitStandIn extends HTMLElement {
  constructor() {
    super();
    this.calls = [];
    this.threadIds = [];
    window.__chatkitStandIn = this;
  }

  get options() {
    return this.calls[this.calls.length - 1];
  }

  setOptions(options) {
    this.calls.push(options);
    if (this.calls.length > 1) return;
    const frame = document.createElement("iframe");
    frame.src = FRAME_URL;
    frame.title = options.frameTitle;
    this.replaceChildren(frame);
    queueMicrotask(() => {
      const event =
        window.__standInStart === "error"
          ? new CustomEvent("chatkit.error", { detail: { error: new Error("stand-in start failure") } })
          : new CustomEvent("chatkit.ready");
      this.dispatchEvent(event);
    });
  }

  /** One protocol request through the page's api.fetch, as ChatKit sends it. */
  async request(body) {
    const { url, fetch } = this.options.api;
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const type = response.headers.get("content-type") || "";
    if (!type.startsWith("text/event-stream")) {
      return { status: response.status, json: await response.json() };
    }
    // Read the stream chunk by chunk, as an SSE client would, rather than waiting for the end.
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = "";
    let chunks = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks += 1;
      text += decoder.decode(value, { stream: true });
    }
    return { status: response.status, events: parseServerSentEvents(text), chunks };
  }

  /** A new thread with one user message: the request ChatKit sends from its start screen. */
  createThread(text, attachmentIds = []) {
    return this.request({
      type: "threads.create",
      params: {
        input: { content: [{ type: "input_text", text }], attachments: attachmentIds, inference_options: {} },
      },
    });
  }

  /**
   * One file attached the two-phase way, as the composer's attach button does it. Resolves to
   * {created, upload: {status, url, method, hadAuthorization}}; `created` is the attachment.
   */
  async attach({ name, type, bytes }) {
    if (this.options.api.uploadStrategy?.type !== "two_phase") {
      throw new Error("the page did not ask for two-phase uploads");
    }
    const file = new File([new Uint8Array(bytes)], name, { type });
    const created = await this.request({
      type: "attachments.create",
      params: { name: file.name, size: file.size, mime_type: file.type },
    });
    if (created.status !== 200) return { created: created.json, upload: null };
    const descriptor = created.json.upload_descriptor;
    let body = file;
    if (descriptor.method === "POST") {
      body = new FormData();
      body.append("file", file, file.name);
    }
    const headers = descriptor.headers || {};
    // The frame's own fetch, not the page's api.fetch: the frame cannot add our token.
    const response = await window.fetch(descriptor.url, { method: descriptor.method, headers, body });
    return {
      created: created.json,
      upload: {
        status: response.status,
        url: descriptor.url,
        method: descriptor.method,
        hadAuthorization: Object.keys(headers).some((header) => header.toLowerCase() === "authorization"),
      },
    };
  }

  /** ChatKit's own method; the stand-in counts the calls. */
  focusComposer() {
    this.composerFocusCalls = (this.composerFocusCalls || 0) + 1;
  }

  /** ChatKit's own method; the stand-in records each thread asked for. */
  setThreadId(threadId) {
    this.threadIds.push(threadId);
  }

  /** What ChatKit reports when the user picks a thread in its own history panel. */
  showThreadFromItsHistory(threadId) {
    this.dispatchEvent(new CustomEvent("chatkit.thread.change", { detail: { threadId } }));
  }

  /** What a click on one of the header's custom buttons does ("left" or "right"). */
  clickHeaderAction(side = "right") {
    this.options.header[`${side}Action`].onClick();
  }
}

customElements.define("openai-chatkit", ChatKitStandIn);
