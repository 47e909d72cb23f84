"""The demo: its loaders (one per app, called in order by ``manage.py load_demo``),
the seed commands and the demo content as data files under ``demo/content/``."""
