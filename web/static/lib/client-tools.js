// The agent's client tools (copy_to_clipboard, open_url), carried out by the page: ChatKit hands
// them to its onClientTool. Copy goes through the app (answer-actions.js copyText); a page opens
// in the system browser through POST /api/open-url, never in the app's window. What this
// resolves to is the tool's output, which the server hands the model as the answer goes on: a
// failure is said in words there, never thrown.

import { copyText } from "./answer-actions.js";
import { postJson } from "../session.js";

async function openUrl(url) {
  await postJson("/api/open-url", { url });
}

/** @param {{name: string, params: Record<string, unknown>}} call @returns {Promise<object>} */
export async function handleClientTool({ name, params }) {
  try {
    if (name === "copy_to_clipboard") {
      await copyText(String(params?.text ?? ""));
      return { copied: true };
    }
    if (name === "open_url") {
      await openUrl(params?.url);
      return { opened: true };
    }
    return { error: `This app has no client tool named ${name}.` };
  } catch (failure) {
    return { error: failure.message };
  }
}
