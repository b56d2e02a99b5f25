"""A fake OpenAI API over the real HTTP wire protocol (Responses and Chat Completions,
streaming, tool calls, errors), for the real ``openai`` client and the Agents SDK to talk to. The
only stand-in for a part the tests cannot reach."""
