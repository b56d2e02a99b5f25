"""The agent's instructions: who it is talking to, by the OS account, if the user allows it,
and when to use the tools it has."""

from collections.abc import Collection

from server.agent.os_user import OsUser

BASE_INSTRUCTIONS = (
    "You are ChatKit Desktop, a helpful assistant in a desktop app. Answer clearly and "
    "concisely, using Markdown where it helps. When the user shares the text they selected "
    "or the window they were in, use it to understand what they are asking about."
)

# By tool name: told only when the agent has the tool.
TOOL_INSTRUCTIONS = {
    "search_conversations": (
        "You can search the user's earlier conversations with this app with the "
        "search_conversations tool. Use it whenever the user refers to something discussed "
        'before ("as we discussed", "what did I say about…", "what did I decide about…", '
        '"last time") instead of guessing, and when an earlier conversation would help. '
        "Base your answer on the passages it returns, name the conversations you draw on by "
        "their title and date, and say so when nothing is found. A conversation the user "
        "tags with @ is given to you with its thread id."
    ),
}


def build_instructions(user: OsUser | None, tools: Collection[str] = ()) -> str:
    parts = [BASE_INSTRUCTIONS]
    if user is not None:
        named = user.full_name and user.full_name != user.login
        who = f"{user.full_name} (login name {user.login})" if named else user.login
        parts.append(f"You are talking with {who}, the signed-in user of this computer.")
    parts.extend(text for name, text in TOOL_INSTRUCTIONS.items() if name in tools)
    return "\n\n".join(parts)
