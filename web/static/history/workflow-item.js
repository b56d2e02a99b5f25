// A workflow item in the built-in view: the record of the tools the agent used in a turn, shown
// collapsed as ChatKit shows it (its summary line), each call's title and arguments inside.

import { h } from "../lib/dom.js";

function task(value) {
  return h(
    "li",
    { class: "hv-workflow-task" },
    value.title ? h("span", { class: "hv-workflow-title" }, value.title) : null,
    value.content ? h("pre", { class: "hv-workflow-content" }, value.content) : null,
  );
}

/** The body for a workflow item, or null when it has no tasks with text. */
export function renderWorkflowBody(workflow) {
  const tasks = (workflow?.tasks || []).filter((value) => value.title || value.content);
  if (tasks.length === 0) return null;
  const summary = workflow.summary?.title || tasks[0].title || "Tools used";
  return h("details", { class: "hv-workflow" }, h("summary", {}, summary), h("ul", { class: "hv-workflow-tasks" }, ...tasks.map(task)));
}
