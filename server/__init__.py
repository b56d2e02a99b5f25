"""The local ChatKit server: the HTTP app, the agent behind it and the SQLite store."""
