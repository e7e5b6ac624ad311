"""Writing files so that a crash never leaves half of one behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.conf import settings


def write_atomically(relative_name: str, content: bytes) -> str:
    """Write the file under MEDIA_ROOT through a temporary file and a rename: a crash leaves no half file."""
    target = Path(settings.MEDIA_ROOT) / relative_name
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".partial-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return relative_name
