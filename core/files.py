"""Writing files so that a crash never leaves half of one behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, storages


def write_atomically(relative_name: str, content: bytes) -> str:
    """Write the file to the media storage, whole or not at all; return the name it was stored under.

    On disk (MEDIA_ROOT) through a temporary file and a rename; in an object store (S3 through
    django-storages) one upload is already all or nothing."""
    storage = storages["default"]
    if not isinstance(storage, FileSystemStorage):
        return storage.save(relative_name, ContentFile(content))
    target = Path(storage.path(relative_name))
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
