#!/usr/bin/env bash
# Backups of the PostgreSQL database named by DATABASE_URL (the Makefile's backup, restore and
# backup-nightly call this).
#   backup.sh backup FILE        pg_dump's custom format; encrypted with age to the public keys in
#                                $BACKUP_RECIPIENTS (a file) when set, so the server never holds a key
#                                that can read its own backups
#   backup.sh restore FILE       replace the database's contents with the backup's, in one transaction
#                                (a FILE ending .age is decrypted with the private key in $BACKUP_IDENTITY)
#   backup.sh prune DIR DAYS     delete DIR's backups older than DAYS days (retention)
set -euo pipefail
umask 077

need_postgres_url() {
  case "${DATABASE_URL:-}" in postgres://*|postgresql://*) ;; *)
    echo "Set DATABASE_URL to the PostgreSQL database to $1." >&2; exit 1;; esac
}

backup() {
  local file="$1"
  need_postgres_url "back up"
  mkdir -p "$(dirname "$file")"
  local partial="$file.partial"
  trap 'rm -f "$partial"' EXIT
  if [[ "$file" == *.age ]]; then
    [[ -s "${BACKUP_RECIPIENTS:-}" ]] || { echo "Name the age public keys to encrypt to: BACKUP_RECIPIENTS=/etc/nurture/backup-recipients.txt" >&2; exit 1; }
    pg_dump --format=custom --no-owner --no-privileges "$DATABASE_URL" | age --encrypt --recipients-file "$BACKUP_RECIPIENTS" --output "$partial"
  else
    echo "Warning: $file is not encrypted (set BACKUP_RECIPIENTS to encrypt backups with age)." >&2
    pg_dump --format=custom --no-owner --no-privileges --file="$partial" "$DATABASE_URL"
  fi
  mv "$partial" "$file"
  trap - EXIT
  echo "Backed up to $file ($(du -h "$file" | cut -f1))"
}

restore() {
  local file="$1"
  need_postgres_url "restore into"
  [[ -f "$file" ]] || { echo "Name the backup to restore: make restore BACKUP_FILE=backups/....dump"; exit 1; }
  local options=(--clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error --dbname="$DATABASE_URL")
  if [[ "$file" == *.age ]]; then
    [[ -s "${BACKUP_IDENTITY:-}" ]] || { echo "Name the age private key that opens the backup: BACKUP_IDENTITY=/path/to/backup-key.txt" >&2; exit 1; }
    age --decrypt --identity "$BACKUP_IDENTITY" "$file" | pg_restore "${options[@]}"
  else
    pg_restore "${options[@]}" "$file"
  fi
  echo "Restored $file"
}

prune() {
  local dir="$1" days="$2"
  [[ -d "$dir" ]] || return 0
  local removed
  removed=$(find "$dir" -maxdepth 1 -type f -name 'nurture-*.dump*' ! -name '*.partial' -mtime +"$days" -print -delete | wc -l)
  echo "Removed $removed backup(s) older than $days days from $dir; $(find "$dir" -maxdepth 1 -type f -name 'nurture-*.dump*' | wc -l) kept"
}

command="${1:-}"; shift || true
case "$command" in
  backup) backup "$@" ;;
  restore) restore "$@" ;;
  prune) prune "$@" ;;
  *) echo "usage: $0 backup FILE | restore FILE | prune DIR DAYS" >&2; exit 2 ;;
esac
