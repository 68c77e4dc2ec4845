"""cleaner: repair garbled text and strip boilerplate, with every change explained.

>>> from cleaner import clean_text
>>> result = clean_text("cafÃ© au lait")
>>> result.text
'café au lait'
>>> [(c.rule, c.before, c.after) for c in result.changes]
[('latin-mojibake', 'Ã©', 'é')]
"""

from cleaner.config import Config, ConfigError, load_config
from cleaner.model import Change, Finding, Result, replay
from cleaner.pipeline import clean_bytes, clean_text

__all__ = [
    "Change",
    "Config",
    "ConfigError",
    "Finding",
    "Result",
    "clean_bytes",
    "clean_text",
    "load_config",
    "replay",
]
