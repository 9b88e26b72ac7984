"""The core's data: login accounts, the staff directory and fiscal-year closings."""

from learning.models.accounts import User, UserManager
from learning.models.closing import FiscalYearClosing
from learning.models.directory import ROLE_SPELLINGS, Assignment, Department, Role, Staff

__all__ = [
    "ROLE_SPELLINGS",
    "Assignment",
    "Department",
    "FiscalYearClosing",
    "Role",
    "Staff",
    "User",
    "UserManager",
]
