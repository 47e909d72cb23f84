"""The embedded default for a laptop: SQLite under var/, tasks in-process, mail on the console."""

from config.settings.base import *
from config.settings.base import env

DEBUG = env.bool("DEBUG", default=True)
