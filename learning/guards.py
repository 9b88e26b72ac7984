"""Rules every request and response keep, whatever the view (settings.MIDDLEWARE)."""

from django.http import Http404
from django.utils.cache import add_never_cache_headers


class RejectNulInPathMiddleware:
    """A NUL in the path (``/courses/c/%00/``, a calendar token + ``%00``) is no page of
    ours. Refused before any view runs: PostgreSQL refuses NUL in a string, so the view's
    lookup would otherwise fail with a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "\x00" in request.path_info:
            raise Http404
        return self.get_response(request)


class NoStoreForStaffMiddleware:
    """What logged-in staff see holds personal data (households, sign-ups, rosters, the
    compliance list and their exports): browsers and proxies must not keep a copy. A view
    that sets its own Cache-Control (charts, calendar feeds) keeps it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                add_never_cache_headers(response)
        return response
