from allauth.account.adapter import DefaultAccountAdapter


class StaffAccountAdapter(DefaultAccountAdapter):
    """Accounts come from HR's roster import or the admin: nobody signs up."""

    def is_open_for_signup(self, request):
        return False
