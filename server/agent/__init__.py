"""The agent behind ``respond()``. Importing anything here except ``sdk_loader`` pulls in the
Agents SDK (about 1.5 s), so the HTTP app reaches it only through ``sdk_loader``."""
