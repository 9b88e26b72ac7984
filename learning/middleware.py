from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme


class ClosedYearMiddleware:
    """The last line behind the services' own checks: a change the database refused
    because its fiscal year is closed (a trigger, e.g. from the admin) becomes the same
    message the services give, never a 500. Services refuse first, at the form
    (``learning.closing.ensure_open``); this only catches what reached the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from learning.closing import FiscalYearClosed, refusal

        refused = exception if isinstance(exception, FiscalYearClosed) else refusal(exception)
        if refused is None:
            return None
        message = str(refused)
        referer = request.headers.get("referer", "")
        if request.method == "POST" and url_has_allowed_host_and_scheme(
            referer, {request.get_host()}, require_https=request.is_secure()
        ):
            messages.error(request, message)
            return redirect(referer)
        return render(request, "closed_year.html", {"message": message}, status=409)


class RequireMFAMiddleware:
    """Whoever the permission policy says must use two-factor authentication
    (``learning.permissions.mfa_required``) is sent to the MFA page until they have set it
    up, except on the account pages (login, MFA set-up), static files and the language
    switch. (settings.LEARNING_REQUIRE_MFA; on in production, off in development and tests.)

    The exemption is decided on ``request.path_info``, the path Django routes: the
    ``SCRIPT_NAME`` prefix a proxy or client may add to ``request.path`` changes nothing."""

    ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        from learning.permissions import has_second_factor, mfa_required

        user = getattr(request, "user", None)
        if (
            settings.LEARNING_REQUIRE_MFA
            and user is not None
            and user.is_authenticated
            and not request.path_info.startswith(self.ALLOWED_PREFIXES)
            and mfa_required(user)
            and not has_second_factor(user)
        ):
            from django.contrib import messages
            from django.utils.translation import gettext as _

            messages.warning(
                request,
                _(
                    "Your duties give you access to personal data: turn on two-factor "
                    "authentication to continue."
                ),
            )
            return redirect("mfa_index")
        return self.get_response(request)


class JapaneseFirstLocaleMiddleware:
    """Japanese unless the user chose English with the language switch (a cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, which on many
    city PCs says English; the city's pages are Japanese first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary(response)
        return response


def patch_vary(response) -> None:
    from django.utils.cache import patch_vary_headers

    patch_vary_headers(response, ("Cookie",))
