"""The agent's tools and how each call is shown.

``toolbox.py`` is the one place that decides which tools an answer's agent gets; each tool
lives in a module of its own (``search_conversations.py``). ``tool_activity.py`` makes every
call visible while it runs and keeps a record of it in the thread, and turns a call that fails
(an unknown tool, arguments that are not JSON, a tool that raises) into an error the model
reads and a line the user sees.
"""
