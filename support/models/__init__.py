from support.models.audit import AuditAction, AuditEntry
from support.models.devices import AccessPlace, AccessVisit, Device, DeviceKind, Loan
from support.models.households import (
    ClosedReason,
    CoverageTarget,
    District,
    Household,
    HouseholdStatus,
    IdentifiedHow,
    Reason,
    SupportKind,
    SupportRecord,
)

__all__ = [
    "AccessPlace",
    "AccessVisit",
    "AuditAction",
    "AuditEntry",
    "ClosedReason",
    "CoverageTarget",
    "Device",
    "DeviceKind",
    "District",
    "Household",
    "HouseholdStatus",
    "IdentifiedHow",
    "Loan",
    "Reason",
    "SupportKind",
    "SupportRecord",
]
