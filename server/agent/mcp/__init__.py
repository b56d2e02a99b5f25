"""MCP servers as the agent's tools: started from Settings, watched, stopped with the server."""
