"""The core's data: login accounts, the staff directory, fiscal-year closings, the mail
outbox and background import jobs."""

from learning.models.accounts import User, UserManager
from learning.models.closing import FiscalYearClosing
from learning.models.directory import ROLE_SPELLINGS, Assignment, Department, Role, Staff
from learning.models.jobs import ImportJob, JobStatus
from learning.models.mail import MailStatus, OutgoingMail
from learning.models.reports import YearlyReportPDF

__all__ = [
    "ROLE_SPELLINGS",
    "Assignment",
    "Department",
    "FiscalYearClosing",
    "ImportJob",
    "JobStatus",
    "MailStatus",
    "OutgoingMail",
    "Role",
    "Staff",
    "User",
    "UserManager",
    "YearlyReportPDF",
]
