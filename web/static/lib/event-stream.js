// Server-Sent Events read from a fetch() response body. EventSource can neither send our token
// nor POST, so the page's two event streams (the asks, a message's answer) are read through here.

const LINE_BREAK = /\r\n|\r|\n/;

/**
 * Each event of a text/event-stream body as it arrives: its name ("message" without an `event:`
 * field) and its `data:` lines joined by "\n". Events without data carry nothing to read and are
 * skipped; an event the body ends in the middle of is still given.
 * @param {ReadableStream<Uint8Array>} body
 * @returns {AsyncGenerator<{name: string, data: string}>}
 */
export async function* readEventStream(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const fields = new EventFields();
  let unread = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      // The body's end also ends its last line and the event that line belongs to.
      unread += done ? "\n\n" : value;
      // A chunk may end between the "\r" and the "\n" of one line break: a trailing "\r" waits
      // for the next chunk, or the "\n" would read as a blank line ending the event early.
      const held = unread.endsWith("\r") ? "\r" : "";
      const lines = unread.slice(0, unread.length - held.length).split(LINE_BREAK);
      unread = lines.pop() + held;
      for (const line of lines) {
        const event = fields.take(line);
        if (event) yield event;
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}

class EventFields {
  constructor() {
    this.name = "message";
    this.data = [];
  }

  /** Takes one line; a blank line ends the event, which is returned if it has data. */
  take(line) {
    if (line === "") return this.end();
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") this.name = value;
    else if (field === "data") this.data.push(value);
    return null;
  }

  end() {
    const data = this.data.join("\n");
    const event = data ? { name: this.name, data } : null;
    this.name = "message";
    this.data = [];
    return event;
  }
}
