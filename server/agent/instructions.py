"""The agent's instructions: who it is talking to, by the OS account, if the user allows it."""

from server.agent.os_user import OsUser

BASE_INSTRUCTIONS = (
    "You are ChatKit Desktop, a helpful assistant in a desktop app. Answer clearly and "
    "concisely, using Markdown where it helps. When the user shares the text they selected "
    "or the window they were in, use it to understand what they are asking about."
)


def build_instructions(user: OsUser | None) -> str:
    if user is None:
        return BASE_INSTRUCTIONS
    named = user.full_name and user.full_name != user.login
    who = f"{user.full_name} (login name {user.login})" if named else user.login
    return (
        f"{BASE_INSTRUCTIONS}\n\nYou are talking with {who}, the signed-in user of this computer."
    )
