from django.shortcuts import render

from learning import fiscal, plugins
from learning.context_processors import visible
from learning.permissions import DUTY_DESCRIPTIONS, Duty, has_duty


def home(request):
    """Where each role goes from here: the cards the apps contribute, as the permission
    policy allows; visitors who are not logged in see the public pages and the login."""
    user = request.user
    cards = []
    for card in plugins.home_cards():
        if card.anonymous != (not user.is_authenticated):
            continue
        if user.is_authenticated and not visible(user, card):
            continue
        links = [link for link in card.links if not user.is_authenticated or visible(user, link)]
        if links:
            cards.append({"card": card, "links": links})
    duties = [
        {"duty": duty, "description": DUTY_DESCRIPTIONS[duty]}
        for duty in Duty
        if user.is_authenticated and has_duty(user, duty)
    ]
    return render(
        request,
        "home.html",
        {"cards": cards, "duties": duties, "fiscal_year": fiscal.current_fiscal_year()},
    )
