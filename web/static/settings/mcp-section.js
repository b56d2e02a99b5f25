// Settings → Tools from MCP servers: add, edit, remove, turn on and off the servers whose tools
// the agent may use (a command to start, or a URL), and see each one's state and tools, polled
// from /api/tools while the panel is open. Every change is saved at once (PATCH /api/settings).
//
// A header marked secret is typed into a password field and sent once as {"secret": …}: the
// server keeps it in the system keyring and saves only a reference ({"keyring": …}), which is
// all the page ever gets back. Left empty when editing, the secret already kept stays.

import { h, uniqueId } from "../lib/dom.js";
import { apiJson } from "../session.js";
import { saveSettings } from "./api.js";

const POLL_MS = 2000;
const STATE_WORDS = { ready: "Ready", starting: "Starting…", error: "Not working", disabled: "Off" };
const ALWAYS_SECRET = new Set(["authorization", "proxy-authorization", "x-api-key", "api-key", "cookie"]);

function isKept(value) {
  return value !== null && typeof value === "object" && typeof value.keyring === "string";
}

function labelled(label, control, hint) {
  const id = uniqueId("mcp-field");
  control.id = id;
  return h("div", { class: "field" }, h("label", { for: id }, label), control, hint ? h("p", { class: "hint" }, hint) : null);
}

/** One header row of the editor: name, value (a password field when secret), the secret box. */
function headerRow(name = "", value = "") {
  const kept = isKept(value);
  const nameField = h("input", { type: "text", value: name, "aria-label": "Header name", autocomplete: "off", spellcheck: "false" });
  const valueField = h("input", {
    type: kept || ALWAYS_SECRET.has(name.toLowerCase()) ? "password" : "text",
    value: kept ? "" : value,
    placeholder: kept ? "Kept in the keyring; type to replace" : "",
    "aria-label": "Header value",
    autocomplete: "off",
  });
  const secret = h("input", { type: "checkbox", checked: valueField.type === "password" });
  secret.addEventListener("change", () => {
    valueField.type = secret.checked ? "password" : "text";
  });
  // Authorization and its kin are always secrets: the server keeps them in the keyring anyway.
  nameField.addEventListener("input", () => {
    if (!ALWAYS_SECRET.has(nameField.value.trim().toLowerCase())) return;
    secret.checked = true;
    valueField.type = "password";
  });
  const row = h(
    "div",
    { class: "mcp-header-row" },
    nameField,
    valueField,
    h("label", {}, secret, " Secret"),
    h("button", { type: "button", class: "secondary", onclick: () => row.remove() }, "Remove header"),
  );
  row.value = () => {
    const header = nameField.value.trim();
    if (!header) return null;
    if (secret.checked || ALWAYS_SECRET.has(header.toLowerCase())) {
      if (valueField.value) return [header, { secret: valueField.value }];
      return kept && header === name ? [header, value] : null;
    }
    return [header, valueField.value];
  };
  return row;
}

function envText(env) {
  return Object.entries(env || {})
    .filter(([, value]) => typeof value === "string")
    .map(([name, value]) => `${name}=${value}`)
    .join("\n");
}

function parsedEnv(text, previous) {
  // Secrets kept in the keyring are not shown here; they stay as they are.
  const env = Object.fromEntries(Object.entries(previous || {}).filter(([, value]) => isKept(value)));
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const at = line.indexOf("=");
    if (at < 1) throw new Error(`"${line.trim()}" is not NAME=value`);
    env[line.slice(0, at).trim()] = line.slice(at + 1);
  }
  return env;
}

/** The form for a new server (`entry` null) or for editing one; `onDone(entry|null)`. */
function serverEditor(entry, onDone) {
  const usesUrl = Boolean(entry?.url);
  const name = h("input", { type: "text", value: entry?.name ?? "", required: true, pattern: "[A-Za-z0-9_\\-]{1,40}", autocomplete: "off", spellcheck: "false" });
  const kind = uniqueId("mcp-kind");
  const byCommand = h("input", { type: "radio", name: kind, value: "command", checked: !usesUrl });
  const byUrl = h("input", { type: "radio", name: kind, value: "url", checked: usesUrl });
  const command = h("textarea", { rows: "3", spellcheck: "false" }, (entry?.command || []).join("\n"));
  const env = h("textarea", { rows: "2", spellcheck: "false" }, envText(entry?.env));
  const url = h("input", { type: "url", value: entry?.url ?? "", placeholder: "https://…/mcp", autocomplete: "off" });
  const headers = h("div", { class: "mcp-headers" }, ...Object.entries(entry?.headers || {}).map(([header, value]) => headerRow(header, value)));
  const addHeader = h("button", { type: "button", class: "secondary", onclick: () => headers.append(headerRow()) }, "Add header");
  const confirm = h("input", { type: "checkbox", checked: entry?.confirm ?? true });
  const commandPart = h(
    "div",
    {},
    labelled("Command", command, "One word per line, the program first (e.g. npx, -y, @modelcontextprotocol/server-filesystem, /home/me/notes)."),
    labelled("Environment", env, "NAME=value, one per line."),
  );
  const urlPart = h("div", {}, labelled("URL", url, "A streamable HTTP MCP endpoint."), h("fieldset", {}, h("legend", {}, "Headers"), headers, addHeader));
  const sync = () => {
    commandPart.hidden = !byCommand.checked;
    urlPart.hidden = !byUrl.checked;
  };
  byCommand.addEventListener("change", sync);
  byUrl.addEventListener("change", sync);
  sync();
  const problem = h("p", { class: "save-result", role: "status" });
  const save = h("button", { type: "submit" }, entry ? "Save server" : "Add server");
  const form = h(
    "form",
    {
      class: "mcp-editor",
      "aria-label": entry ? `Edit ${entry.name}` : "New MCP server",
      onsubmit: async (event) => {
        event.preventDefault();
        problem.textContent = "";
        problem.classList.remove("error");
        let edited;
        try {
          edited = { name: name.value.trim(), enabled: entry?.enabled ?? true, confirm: confirm.checked };
          if (byCommand.checked) {
            edited.command = command.value.split("\n").map((word) => word.trim()).filter(Boolean);
            edited.env = parsedEnv(env.value, entry?.env);
          } else {
            edited.url = url.value.trim();
            edited.headers = Object.fromEntries([...headers.children].map((row) => row.value()).filter(Boolean));
          }
        } catch (failure) {
          problem.textContent = `Not saved: ${failure.message}`;
          problem.classList.add("error");
          return;
        }
        save.disabled = true;
        try {
          await onDone(edited);
        } catch (failure) {
          problem.textContent = `Not saved: ${failure.message}`;
          problem.classList.add("error");
        } finally {
          save.disabled = false;
        }
      },
    },
    labelled("Name", name, "Letters, digits, _ and -. It names the server's tools when two servers offer the same one."),
    h("fieldset", { class: "mcp-kind" }, h("legend", {}, "Started by"), h("label", {}, byCommand, " A command on this computer"), h("label", {}, byUrl, " A URL")),
    commandPart,
    urlPart,
    h("label", { class: "check" }, confirm, " Ask me before each call"),
    h("div", { class: "actions" }, save, h("button", { type: "button", class: "secondary", onclick: () => onDone(null) }, "Cancel"), problem),
  );
  return form;
}

/** The section: `settings` as loaded; returns {element}. */
export function mcpSection(settings) {
  let servers = settings.mcp_servers || [];
  let statuses = new Map();
  const list = h("ul", { class: "mcp-servers", "aria-label": "MCP servers" });
  const editorSlot = h("div", {});
  // Announced without the status role: the panel's own save result is the dialog's status.
  const result = h("p", { class: "save-result", "aria-live": "polite" });
  const add = h("button", { type: "button", class: "secondary" }, "Add MCP server");

  async function store(next) {
    const saved = await saveSettings({ mcp_servers: next });
    servers = saved.mcp_servers;
    render();
    poll();
  }

  function edit(index) {
    const entry = index === null ? null : servers[index];
    editorSlot.replaceChildren(
      serverEditor(entry, async (edited) => {
        if (edited) {
          const next = [...servers];
          if (index === null) next.push(edited);
          else next[index] = edited;
          await store(next);
        }
        editorSlot.replaceChildren();
        add.hidden = false;
      }),
    );
    add.hidden = true;
    editorSlot.querySelector("input")?.focus();
  }

  async function change(next, done) {
    result.textContent = "";
    result.classList.remove("error");
    try {
      await store(next);
      result.textContent = done;
    } catch (failure) {
      result.textContent = `Not saved: ${failure.message}`;
      result.classList.add("error");
    }
  }

  function serverItem(entry, index) {
    const status = statuses.get(entry.name);
    const state = entry.enabled === false ? "disabled" : status?.state ?? "starting";
    const enabled = h("input", { type: "checkbox", checked: entry.enabled !== false, "aria-label": `Use ${entry.name}` });
    enabled.addEventListener("change", () =>
      change(
        servers.map((other, at) => (at === index ? { ...other, enabled: enabled.checked } : other)),
        enabled.checked ? `${entry.name} is on.` : `${entry.name} is off.`,
      ),
    );
    const tools = status?.tools?.length ? h("p", { class: "hint mcp-tools" }, `Tools: ${status.tools.map((tool) => tool.name).join(", ")}`) : null;
    return h(
      "li",
      { class: "mcp-server", "data-server": entry.name, "data-state": state },
      h("div", { class: "mcp-server-head" }, enabled, h("strong", {}, entry.name), h("span", { class: "mcp-state" }, STATE_WORDS[state] ?? state)),
      h("p", { class: "hint" }, entry.url ? entry.url : (entry.command || []).join(" "), entry.confirm === false ? " · runs without asking" : " · asks before each call"),
      status?.error ? h("p", { class: "notice error mcp-error" }, status.error) : null,
      tools,
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "secondary", onclick: () => edit(index) }, `Edit ${entry.name}`),
        h(
          "button",
          { type: "button", class: "secondary", onclick: () => change(servers.filter((_, at) => at !== index), `${entry.name} removed.`) },
          `Remove ${entry.name}`,
        ),
      ),
    );
  }

  function render() {
    list.replaceChildren(...servers.map(serverItem));
    if (servers.length === 0) list.append(h("li", { class: "hint" }, "No MCP servers yet."));
  }

  let timer = 0;
  let shown = "";
  // A save polls at once: only the newest poll goes on, so polls never run side by side.
  let pollRun = 0;
  async function poll() {
    clearTimeout(timer);
    const run = ++pollRun;
    try {
      const listing = await apiJson("/api/tools");
      if (run !== pollRun) return;
      // Drawn again only when something changed, so polling does not move the focus.
      const seen = JSON.stringify(listing.servers);
      if (seen !== shown) {
        shown = seen;
        statuses = new Map(listing.servers.map((server) => [server.name, server]));
        render();
      }
    } catch {
      // The next poll tries again; the list keeps what it showed.
    }
    if (run !== pollRun) return;
    timer = setTimeout(() => {
      if (element.isConnected) poll();
    }, POLL_MS);
  }

  add.addEventListener("click", () => edit(null));
  const element = h(
    "div",
    { class: "mcp-section" },
    h("p", { class: "hint" }, "Programs and services that give the agent tools (the Model Context Protocol). Each call is shown in the conversation; with “Ask me” on, it waits for your Allow."),
    list,
    editorSlot,
    h("div", { class: "actions" }, add, result),
  );
  render();
  poll();
  return { element };
}
