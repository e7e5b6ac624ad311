"""Files are written whole or not at all."""

from pathlib import Path

import pytest

from core.files import write_atomically


def test_a_write_that_fails_half_way_leaves_no_file(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path

    def crash(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("nurture.files.os.replace", crash)
    with pytest.raises(OSError, match="disk full"):
        write_atomically("reports/report.pdf", b"%PDF" + b"x" * 1000)

    assert list(Path(tmp_path, "reports").iterdir()) == []


def test_a_write_lands_whole(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    name = write_atomically("reports/report.pdf", b"%PDF-whole")
    assert Path(tmp_path, name).read_bytes() == b"%PDF-whole"
