"""The ``chatkit.store.Store`` implementation on SQLite, its schema and its migrations."""
