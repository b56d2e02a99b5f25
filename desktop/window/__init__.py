"""The native window of ``chatkit-desktop``: pywebview on the local server's page, with the
desktop integration (identity, tray, shortcuts, single instance, remembered geometry)."""
