"""Built-in format declarations (one module per format), loaded through entry points.

TEMPORARY: this package shares its name with the public function ``jakcite.formats()``;
importing a submodule rebinds the attribute, so the module is made callable. The package is
to be renamed ``jakcite.builtin_formats`` when the parallel format work is merged.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallableModule(types.ModuleType):
    def __call__(self) -> Any:
        from jakcite.api import formats

        return formats()


sys.modules[__name__].__class__ = _CallableModule
