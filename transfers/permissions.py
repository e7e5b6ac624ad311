"""Who prepares and records a transfer (the SENCO), who imports a received pack, who reads it."""

from __future__ import annotations

import rules

from core.permissions import VIEW_CASE, is_same_school, is_school_admin, is_senco

TRANSFER_RECORD = "transfers.transfer_record"
IMPORT_PACK = "transfers.import_pack"
VIEW_RECEIVED = VIEW_CASE  # the received record is part of the case record

rules.add_perm(TRANSFER_RECORD, is_same_school & is_senco)
rules.add_perm(IMPORT_PACK, is_senco | is_school_admin)
