"""Write a first .env for `make prod` from deploy/env.example, with a new SECRET_KEY.

DATABASE_URL, REDIS_URL, WEB_BIND, ALLOWED_HOSTS and MEDIA_ROOT are taken from the environment when
set (so `DATABASE_URL=... make prod` on a fresh checkout just works); everything else is the example's,
to edit. The file is readable by its owner only: it holds the secret key and passwords."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FROM_ENVIRONMENT = ("DATABASE_URL", "REDIS_URL", "WEB_BIND", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "MEDIA_ROOT",
                    "BEAT_SCHEDULE", "EMAIL_URL", "BACKUP_DIR", "BACKUP_RECIPIENTS")
LOCAL_DEFAULTS = {  # a checkout, not /var/lib: paths that exist without root
    "MEDIA_ROOT": str(ROOT / "media"),
    "BEAT_SCHEDULE": str(ROOT / ".celerybeat-schedule"),
    "BACKUP_DIR": str(ROOT / "backups"),
    "EMAIL_URL": "console://",
    "BACKUP_RECIPIENTS": "",
}


def main(target: str) -> None:
    lines = []
    for line in (ROOT / "deploy" / "env.example").read_text().splitlines():
        name = line.split("=", 1)[0] if "=" in line and not line.startswith("#") else None
        if name == "SECRET_KEY":
            line = f"SECRET_KEY={secrets.token_urlsafe(60)}"
        elif name in FROM_ENVIRONMENT and (os.environ.get(name) or name in LOCAL_DEFAULTS):
            line = f"{name}={os.environ.get(name) or LOCAL_DEFAULTS[name]}"
        lines.append(line)
    path = Path(target)
    path.touch(mode=0o600)
    path.write_text("\n".join(lines) + "\n")
    print(f"Wrote {path} with a new SECRET_KEY: check its DATABASE_URL, hosts and mail settings.")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".env")
