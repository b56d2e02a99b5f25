"""Which model the agent talks to: API key, endpoint, model name and settings."""
