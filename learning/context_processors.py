"""What every page's template gets: the main menu, ``can`` (the permission policy) and
whether to prompt for two-factor authentication."""

from django.urls import reverse

from learning import plugins
from learning.permissions import has_second_factor, may, mfa_required, permissions_for_templates


def has_staff_record(user) -> bool:
    return user.is_authenticated and hasattr(user, "staff")


def visible(user, item) -> bool:
    """May ``user`` see a menu item or home card (``learning.plugins``)?"""
    if item.permission and not may(user, item.permission):
        return False
    return not item.staff_only or has_staff_record(user)


def navigation(request):
    # Computed once per request: templates rendered inside the page (tables, includes
    # with their own context) run the context processors again.
    cached = getattr(request, "_learning_navigation", None)
    if cached is None:
        cached = request._learning_navigation = _navigation(request)
    return cached


def _navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": [], "can": {}, "mfa_prompt": False}
    items = []
    for item in plugins.navigation():
        if visible(user, item):
            url = reverse(item.url_name)
            items.append({"url": url, "label": item.label, "current": request.path == url})
    return {
        "navigation": items,
        "can": permissions_for_templates(user),
        "mfa_prompt": mfa_required(user) and not has_second_factor(user),
    }


def city(request):
    """``{{ city }}``: the city's name, prefecture, code and public contact (learning.city)."""
    from learning import city as city_settings

    return {"city": city_settings.current()}
