from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from learning.closing import FiscalYearClosed


class ClosedYearMiddleware:
    """A change refused because its fiscal year is closed becomes a message, not a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, FiscalYearClosed):
            return None
        message = exception.messages[0]
        referer = request.headers.get("referer", "")
        if request.method == "POST" and url_has_allowed_host_and_scheme(referer, {request.get_host()}):
            messages.error(request, message)
            return redirect(referer)
        return render(request, "closed_year.html", {"message": message}, status=409)
