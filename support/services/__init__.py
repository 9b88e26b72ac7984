"""Every write to the support records goes through these functions."""


class SupportError(Exception):
    """A rule of the support records was broken; the message is translated for the user."""
