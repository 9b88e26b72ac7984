"""Every write to the support records goes through these functions."""

from learning.errors import Refused


class SupportError(Refused):
    """A rule of the support records was broken; the message is translated for the user."""
