// Settings → Diagnostics: the checks of `chatkit-desktop doctor`, run again each time the panel
// opens, one row each with what to do about it; the same report as text for a bug report (paths
// under the home folder written as ~, never the key); and the log folder, opened in the file
// manager. The checks take seconds when the network is slow: the rest of the panel stays usable.

import { apiJson } from "../session.js";
import { h, uniqueId } from "../lib/dom.js";

const STATUS_WORDS = { ok: "OK", warning: "Warning", failed: "Failed" };

let running = null;

/** Opening the panel again while the checks run waits for that run instead of starting another. */
function loadDiagnostics() {
  running ??= apiJson("/api/diagnostics").finally(() => {
    running = null;
  });
  return running;
}

/**
 * The window's clipboard first: inside the app's window the page may not write it itself. Under
 * `serve` the server has no window and says so; a browser then lets the page write its own.
 */
async function copyToClipboard(text) {
  try {
    await apiJson("/api/clipboard", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text }),
    });
  } catch (windowRefusal) {
    if (!navigator.clipboard) throw windowRefusal;
    await navigator.clipboard.writeText(text);
  }
}

function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function describeCounts(checks) {
  const failed = checks.filter((check) => check.status === "failed").length;
  const warnings = checks.filter((check) => check.status === "warning").length;
  return `${plural(checks.length, "check")}: ${failed} failed, ${plural(warnings, "warning")}.`;
}

function checkRow(check) {
  return h(
    "li",
    { class: "diagnostics-check", "data-status": check.status },
    // The word says it, not only the colour.
    h("span", { class: "check-status" }, STATUS_WORDS[check.status] ?? check.status),
    h(
      "div",
      { class: "check-body" },
      h("span", { class: "check-name" }, check.name),
      h("span", { class: "check-detail" }, check.detail),
      check.fix ? h("p", { class: "check-fix" }, `What to do: ${check.fix}`) : null,
    ),
  );
}

export function diagnosticsSection() {
  const titleId = uniqueId("diagnostics-title");
  const summary = h("p", { class: "diagnostics-summary", "aria-live": "polite" });
  const list = h("ul", { class: "diagnostics-checks", "aria-labelledby": titleId });
  const again = h("button", { type: "button", class: "secondary" }, "Check again");
  const copy = h("button", { type: "button", class: "secondary" }, "Copy report");
  const openFolder = h("button", { type: "button", class: "secondary" }, "Open log folder");
  // Announced like the shortcut's state: the panel keeps a single status role, its save result.
  const result = h("p", { class: "diagnostics-result", "aria-live": "polite" });
  let report = null;

  function say(text, isError = false) {
    result.textContent = text;
    result.classList.toggle("error", isError);
  }

  async function check() {
    report = null;
    again.disabled = true;
    copy.disabled = true;
    summary.textContent = "Checking…";
    summary.classList.remove("error");
    list.replaceChildren();
    try {
      report = await loadDiagnostics();
      list.replaceChildren(...report.checks.map(checkRow));
      summary.textContent = describeCounts(report.checks);
      copy.disabled = false;
    } catch (failure) {
      summary.textContent = `The checks could not run: ${failure.message}`;
      summary.classList.add("error");
    } finally {
      again.disabled = false;
    }
  }

  again.addEventListener("click", () => {
    say("");
    check();
  });
  copy.addEventListener("click", async () => {
    copy.disabled = true;
    try {
      await copyToClipboard(report.text);
      say("Copied.");
    } catch (failure) {
      const why = failure.message.replace(/\.$/, "");
      say(`Not copied: ${why}. \`chatkit-desktop doctor\` prints the same report.`, true);
    } finally {
      copy.disabled = report === null;
    }
  });
  openFolder.addEventListener("click", async () => {
    openFolder.disabled = true;
    say("Opening the log folder…");
    try {
      const { folder } = await apiJson("/api/diagnostics/open-log-folder", { method: "POST" });
      say(`Opened the log folder: ${folder}`);
    } catch (failure) {
      say(`The log folder was not opened: ${failure.message}`, true);
    } finally {
      openFolder.disabled = false;
    }
  });

  check();
  const element = h(
    "section",
    { class: "settings-section diagnostics", "aria-labelledby": titleId },
    h("h3", { id: titleId }, "Diagnostics"),
    h(
      "p",
      { class: "hint" },
      "What `chatkit-desktop doctor` finds. The report names no key and no conversation, and " +
        "writes paths in your home folder as ~, so it can go into a bug report as it is.",
    ),
    summary,
    list,
    h("div", { class: "actions" }, again, copy, openFolder),
    result,
  );
  return { element };
}
