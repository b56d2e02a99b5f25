"""Agent Builder workflows: ChatKit sessions made with the user's key (only the session's
short-lived secret reaches the page), and the hosted threads mirrored into the local store for
offline reading. Everything that needs ``openai`` imports it inside a function, off the path to
the first window."""
