"""Every write in the classes app goes through these modules."""

from learning.errors import Refused


class ClassesError(Refused):
    """A rule was broken; ``message`` is translated and shown to the user as is."""
