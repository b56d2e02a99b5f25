"""The history as people read and keep it: a thread's items with the context shared with each
message, and exports of one thread or of all of them as Markdown or JSON."""
