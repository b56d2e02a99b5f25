"""The bundled page. A package only so that its files install with the app and are found by
``importlib.resources`` from a source checkout, a wheel or a frozen bundle alike."""
