"""The HTTP routes, one module per area: the ChatKit protocol, the page, the app's own API."""
