from django.shortcuts import render

from learning.directory.selectors import NoStaffRecord


class NoStaffRecordMiddleware:
    """Pages open to every logged-in user (My training, reporting external training) need
    a staff record: an account without one is told so, and how to get one, not 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NoStaffRecord):
            return render(request, "no_staff_record.html")
        return None
