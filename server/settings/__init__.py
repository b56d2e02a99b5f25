"""The user's settings (``settings.json``) and the model they choose: endpoint, model name, API."""
