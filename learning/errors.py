"""The one kind of error a service raises when a rule says no.

Every app's domain error derives from ``Refused``; views catch ``Refused`` and show its
message where the user acted (at the form, or as a message on the page they came from).
The message is translated already and meant to be shown as it is.
"""


class Refused(Exception):
    """A domain rule refused the action; ``str(error)`` is the message for the user."""
