"""Who may use which URL: one declared policy for every named URL of the system.

``tests/learning/test_permission_matrix.py`` walks the URL resolver, requests every
pattern as each persona (with real objects for its arguments) and checks the answer
against this table; a URL without an entry here fails that test.

Personas: anonymous visitors, ordinary staff, course organisers (of the course in
question), centre staff of the class's own centre and of another centre, support staff,
report viewers, HR, administrators. Everyone logged in is also ordinary staff.

What "not allowed" looks like: anonymous visitors are sent to the login page; logged-in
people get 403, or 404 where the object is someone else's (so its existence is not told).
"""

from dataclasses import dataclass

ANONYMOUS = "anonymous"
STAFF = "staff"
ORGANISER = "organiser"
CENTRE_OWN = "centre_own"
CENTRE_OTHER = "centre_other"
SUPPORT = "support"
VIEWER = "viewer"
HR = "hr"
ADMIN = "admin"

PERSONAS = (ANONYMOUS, STAFF, ORGANISER, CENTRE_OWN, CENTRE_OTHER, SUPPORT, VIEWER, HR, ADMIN)
EVERYONE = frozenset(PERSONAS)
LOGGED_IN = EVERYONE - {ANONYMOUS}


@dataclass(frozen=True)
class Rule:
    allowed: frozenset[str]
    method: str = "GET"  # POST-only actions are checked with an empty POST
    why: str = ""


def only(*personas: str, method: str = "GET", why: str = "") -> Rule:
    return Rule(frozenset(personas) | {ADMIN}, method, why)


def public(method: str = "GET", why: str = "") -> Rule:
    return Rule(EVERYONE, method, why)


def logged_in(method: str = "GET", why: str = "") -> Rule:
    return Rule(LOGGED_IN, method, why)


POLICY: dict[str, Rule] = {
    # Shared pages
    "home": public(),
    "set_language": public(method="POST"),
    "yearly_report": only(VIEWER, HR),
    "yearly_report_pdf": only(VIEWER, HR),
    "yearly_report_chart": only(VIEWER, HR),
    "yearly_report_csv": only(VIEWER, HR),
    "close_fiscal_year": only(method="POST", why="administrators only"),
    # Staff training (courses)
    "courses:catalogue": logged_in(),
    "courses:course": logged_in(),
    "courses:session": logged_in(),
    "courses:register": logged_in(method="POST"),
    "courses:cancel_registration": only(
        STAFF,
        ORGANISER,
        HR,
        method="POST",
        why="one's own registration, or one in a session one organises",
    ),
    "courses:my_training": logged_in(),
    "courses:rotate_feed": logged_in(method="POST"),
    "courses:personal_feed": public(why="the secret token is the key"),
    "courses:organise": only(ORGANISER, HR),
    "courses:new_session": only(ORGANISER, HR),
    "courses:organise_session": only(ORGANISER, HR),
    "courses:walk_in": only(ORGANISER, HR, method="POST"),
    "courses:session_status": only(ORGANISER, HR, method="POST"),
    "courses:participants": only(ORGANISER, HR),
    "courses:roster_import": only(HR),
    "courses:roster_import_job": only(HR),
    "courses:roster_import_status": only(HR),
    "courses:compliance": only(HR),
    "courses:compliance_chart": only(HR),
    "courses:targets": only(HR),
    "courses:target_edit": only(HR),
    "courses:exemptions": only(HR),
    "courses:exemption_remove": only(HR, method="POST"),
    "courses:external_new": logged_in(),
    "courses:external_review": only(HR),
    "courses:external_review_decide": only(HR, method="POST"),
    # Smartphone classes: public pages, then centre staff of the class's own centre
    "classes:index": public(),
    "classes:feed": public(),
    "classes:month": public(),
    "classes:class": public(),
    "classes:class_ics": public(),
    "classes:signup": public(),
    "classes:signup_detail": public(why="the signed token is the key"),
    "classes:accessibility": public(),
    "classes:centre": public(),
    "classes:centre_feed": public(),
    "classes:flyer": public(),
    "classes:centre_qr": public(),
    "classes:manage": only(CENTRE_OWN, CENTRE_OTHER),
    "classes:class_create": only(CENTRE_OWN, CENTRE_OTHER),
    "classes:instructors": only(CENTRE_OWN, CENTRE_OTHER),
    "classes:instructor_create": only(CENTRE_OWN, CENTRE_OTHER),
    "classes:instructor_edit": only(
        CENTRE_OWN, CENTRE_OTHER, why="instructors are shared by the centres"
    ),
    "classes:training_create": only(CENTRE_OWN, CENTRE_OTHER),
    "classes:calls": only(CENTRE_OWN, CENTRE_OTHER, why="each sees the calls of own centres"),
    "classes:call_done": only(CENTRE_OWN, method="POST"),
    "classes:centre_edit": only(CENTRE_OWN),
    "classes:manage_class": only(CENTRE_OWN),
    "classes:class_edit": only(CENTRE_OWN),
    "classes:class_cancel": only(CENTRE_OWN, method="POST"),
    "classes:class_print": only(CENTRE_OWN),
    "classes:attendance": only(CENTRE_OWN, method="POST"),
    "classes:signup_add": only(CENTRE_OWN),
    "classes:signup_cancel": only(CENTRE_OWN, method="POST"),
    "classes:status": only(CENTRE_OWN, CENTRE_OTHER, VIEWER, HR),
    "classes:status_csv": only(CENTRE_OWN, CENTRE_OTHER, VIEWER, HR),
    "classes:status_chart": only(CENTRE_OWN, CENTRE_OTHER, VIEWER, HR),
    # Household support: personal data for support staff only; aggregates for report viewers
    "support:households": only(SUPPORT),
    "support:household_create": only(SUPPORT),
    "support:household": only(SUPPORT),
    "support:household_edit": only(SUPPORT),
    "support:household_close": only(SUPPORT),
    "support:household_reopen": only(SUPPORT, method="POST"),
    "support:support_add": only(SUPPORT),
    "support:lend": only(SUPPORT),
    "support:household_visit": only(SUPPORT),
    "support:loans": only(SUPPORT),
    "support:overdue": only(SUPPORT),
    "support:loan_return": only(SUPPORT),
    "support:visits": only(SUPPORT),
    "support:import": only(SUPPORT),
    "support:import_job": only(SUPPORT),
    "support:import_status": only(SUPPORT),
    "support:coverage": only(SUPPORT, VIEWER, HR),
    "support:coverage_chart": only(SUPPORT, VIEWER, HR),
    "opendata:index": public(),
    "opendata:catalog": public(),
    "opendata:csv": public(),
    "opendata:json": public(),
    "opendata:schema": public(),
}

# Whole namespaces or prefixes that belong to a library and keep its own rules:
# django-allauth's account and MFA pages (login, password reset, TOTP) and the admin.
DELEGATED_PREFIXES = {
    "account_": "django-allauth: login, logout, password reset and change",
    "mfa_": "django-allauth MFA: logged-in users manage their own authenticators",
    "admin:": "Django admin: administrators only, behind the allauth login",
}


def rule_for(name: str) -> Rule | None:
    return POLICY.get(name)


def is_delegated(name: str) -> bool:
    return name.startswith(tuple(DELEGATED_PREFIXES))
