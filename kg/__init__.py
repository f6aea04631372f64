"""minutes-kg: a knowledge graph of government meeting minutes.

``import kg`` works without a database, a browser or pyvis: heavy modules are imported where used.
"""

from loaders.errors import InputError, KGError, NotMinutesError

__all__ = ["InputError", "KGError", "NotMinutesError"]
