"""Test support that the benchmarks use too: the fake OpenAI server, a running app, and a private
X session with its programs. Never shipped: the app does not import it."""
