"""Models of this app arrive with its issue; the app exists so that the layout is whole."""
