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
//
// A stream that ends with a pending client tool call is handed to the page's onClientTool, and
// its result sent back with threads.add_client_tool_output, whose stream is read on.
//
// Widget buttons and list rows whose actions the client handles are handed to the page's
// widgets.onAction. "@" in the composer asks the page's entities.onTagSearch, and a message can
// carry a picked entity as an input_tag, as ChatKit's composer sends it.
//
// Given a hosted workflow's api ({getClientSecret}) instead of ours, it asks for a client secret
// before it says ready (chatkit.error with the page's own error if that fails), asks again with
// the current one when told to refresh, takes composer values, and ends a response on request.
//
// As ChatKit's do, setThreadId and focusComposer return Promises; setThreadId settles a task
// later, once it has said chatkit.thread.change and the new thread's composer starts empty
// (composerDraft, what the composer holds, is then null).

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
    const started = options.api.getClientSecret ? this.refreshSecret() : Promise.resolve();
    started.then(
      () => {
        const event =
          window.__standInStart === "error"
            ? new CustomEvent("chatkit.error", { detail: { error: new Error("stand-in start failure") } })
            : new CustomEvent("chatkit.ready");
        this.dispatchEvent(event);
      },
      (error) => this.dispatchEvent(new CustomEvent("chatkit.error", { detail: { error } })),
    );
  }

  /** Workflow mode: what ChatKit does when its session nears its end (null the first time). */
  async refreshSecret() {
    const current = this.clientSecret ?? null;
    this.secretRequests = [...(this.secretRequests || []), current];
    this.clientSecret = await this.options.api.getClientSecret(current);
    return this.clientSecret;
  }

  /** ChatKit's own method; the stand-in keeps what the composer was given. */
  setComposerValue(params) {
    this.composerValues = [...(this.composerValues || []), params];
    this.composerDraft = params.text ?? null;
    return Promise.resolve();
  }

  /** What ChatKit reports when an answer has finished streaming in the thread on screen. */
  endResponse() {
    this.dispatchEvent(new CustomEvent("chatkit.response.end"));
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
    const events = parseServerSentEvents(text);
    const pending = events.find(
      (event) => event.type === "thread.item.done" && event.item.type === "client_tool_call" && event.item.status === "pending",
    );
    if (pending && this.options.onClientTool) {
      // As ChatKit does: the page's onClientTool carries the call out, and what it resolves to
      // goes back as the tool's output; the answer that follows streams on.
      const { name, arguments: params, thread_id: threadId } = pending.item;
      const result = await this.options.onClientTool({ name, params });
      this.clientToolCalls = [...(this.clientToolCalls || []), { name, params, result }];
      const continued = await this.request({
        type: "threads.add_client_tool_output",
        params: { thread_id: threadId, result },
      });
      return { status: response.status, events: [...events, ...continued.events], chunks };
    }
    return { status: response.status, events, chunks };
  }

  /** A new thread with one user message: the request ChatKit sends from its start screen. */
  createThread(text, attachmentIds = []) {
    return this.request({
      type: "threads.create",
      params: {
        input: {
          content: [{ type: "input_text", text }],
          attachments: attachmentIds,
          inference_options: this.inferenceOptions(),
        },
      },
    });
  }

  /**
   * What ChatKit's composer sends as inference_options: with composer.models given, the model
   * picked in its menu (the option marked default until one is picked); else nothing.
   */
  inferenceOptions() {
    const models = this.options.composer?.models || [];
    const picked = models.find((model) => model.id === this.pickedModel) || models.find((model) => model.default);
    return picked ? { model: picked.id } : {};
  }

  /** A pick in the composer's model menu, as a user would make it. */
  pickModel(id) {
    const models = this.options.composer?.models || [];
    if (!models.some((model) => model.id === id && !model.disabled)) {
      throw new Error(`the composer offers no model ${id}`);
    }
    this.pickedModel = id;
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
  async focusComposer() {
    this.composerFocusCalls = (this.composerFocusCalls || 0) + 1;
  }

  /** ChatKit's own method; the stand-in records each thread asked for, and shows it a task later. */
  async setThreadId(threadId) {
    this.threadIds.push(threadId);
    await new Promise((resolve) => setTimeout(resolve, 0));
    this.composerDraft = null;
    this.dispatchEvent(new CustomEvent("chatkit.thread.change", { detail: { threadId } }));
  }

  /** What ChatKit reports when the user picks a thread in its own history panel. */
  showThreadFromItsHistory(threadId) {
    this.dispatchEvent(new CustomEvent("chatkit.thread.change", { detail: { threadId } }));
  }

  /**
   * A click on the button labelled `label` in a widget item from the stream. An action with the
   * "client" handler goes to the page's widgets.onAction(action, item), as ChatKit does; any
   * other is a threads.custom_action request for the item, whose streamed answer is returned.
   */
  async clickWidgetButton(item, label) {
    const buttons = [];
    const visit = (node) => {
      if (!node || typeof node !== "object") return;
      if (node.type === "Button") buttons.push(node);
      for (const child of [].concat(node.children || [])) visit(child);
    };
    visit(item.widget);
    const button = buttons.find((candidate) => candidate.label === label);
    if (!button) throw new Error(`no button ${label} in the widget`);
    const { type, payload, handler } = button.onClickAction;
    if (handler !== "client") {
      return this.request({
        type: "threads.custom_action",
        params: { thread_id: item.thread_id, item_id: item.id, action: { type, payload } },
      });
    }
    await this.options.widgets.onAction({ type, payload }, { id: item.id, widget: item.widget });
    return null;
  }

  /** A click on row `index` of a list widget from the stream; a client action goes to the
   * page's widgets.onAction, as with buttons. */
  async clickWidgetRow(item, index) {
    const row = (item.widget.children || []).filter((child) => child.type === "ListViewItem")[index];
    if (!row) throw new Error(`no row ${index} in the widget`);
    if (!row.onClickAction) throw new Error(`row ${index} has no action`);
    const { type, payload, handler } = row.onClickAction;
    if (handler !== "client") throw new Error(`the stand-in handles client actions only, not ${handler}`);
    await this.options.widgets.onAction({ type, payload }, { id: item.id, widget: item.widget });
  }

  /** What the composer's tag menu lists after "@" and `query`. */
  searchTags(query) {
    if (!this.options.entities?.onTagSearch) throw new Error("the page offers no tags");
    return this.options.entities.onTagSearch(query);
  }

  /** A new thread whose message tags `entity` after `text`, as the composer sends a tag. */
  createThreadWithTag(text, entity) {
    const tag = { type: "input_tag", id: entity.id, text: entity.title, data: entity.data || {}, interactive: entity.interactive || false };
    return this.request({
      type: "threads.create",
      params: {
        input: { content: [{ type: "input_text", text }, tag], attachments: [], inference_options: this.inferenceOptions() },
      },
    });
  }

  /** What a click on one of the header's custom buttons does ("left" or "right"). */
  clickHeaderAction(side = "right") {
    this.options.header[`${side}Action`].onClick();
  }
}

customElements.define("openai-chatkit", ChatKitStandIn);
