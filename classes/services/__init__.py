"""Every write in the classes app goes through these modules."""


class ClassesError(Exception):
    """A rule was broken; ``message`` is translated and shown to the user as is."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
