"""One text rule for every stored text: no control, invisible or bidi characters, line
breaks only in multi-line fields. Every form of the apps (and of the admin) keeps it."""

import importlib
import pkgutil
import re

import pytest
from django import forms
from django.contrib import admin
from django.test import RequestFactory
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from learning.forms import TextRuleMixin
from learning.text import TextRuleValidator, forbidden_characters, text_problem

APPS = ("learning", "courses", "classes", "support")
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
FORBIDDEN = [
    "\x00",
    "\x1b",
    "\x7f",
    "\x85",
    "\u200b",
    "\u200c",
    "\u200e",
    "\u202a",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u2028",
    "\u2029",
    "\U000e0041",
]


@pytest.mark.parametrize("char", FORBIDDEN)
def test_control_invisible_and_bidi_characters_are_refused(char):
    assert forbidden_characters(f"山田{char}太郎") == [char]
    assert forbidden_characters(f"山田{char}太郎", multiline=True) == [char]


@pytest.mark.parametrize(
    "value",
    [
        "山田 太郎",
        "髙橋 𠮷野",
        "葛\U000e0100城",  # an ideographic variation selector: part of a name
        "👨\u200d👩\u200d👧\u200d👦",  # emoji joined by zero-width joiners
        "👍🏽",
        "❤️\u200d🔥",
        "<script>alert(1)</script>",
        "\u3000全角スペース",
    ],
)
def test_names_emoji_and_variation_selectors_pass(value):
    assert forbidden_characters(value) == []


def test_a_zero_width_joiner_between_letters_is_refused():
    assert forbidden_characters("山田\u200d太郎") == ["\u200d"]


def test_line_breaks_and_tabs_only_in_multi_line_text():
    assert forbidden_characters("一行目\r\n二行目\t") == ["\r", "\n", "\t"]
    assert forbidden_characters("一行目\r\n二行目\t", multiline=True) == []
    assert (
        text_problem("a\nb", field="研修名")
        == "研修名は1行で入力してください（改行は使えません）。"
    )


def test_the_message_names_the_field_and_the_character_in_japanese():
    message = text_problem("山田\u200b太郎", field="氏名")
    assert message.startswith("氏名") and "U+200B" in message and JAPANESE.search(message)


# Every form ---------------------------------------------------------------------------


def app_form_classes() -> list[type]:
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in module.name or module.name.endswith(("bench", "loadtest")):
                continue
            importlib.import_module(module.name)
    found, pending = set(), [forms.BaseForm]
    while pending:
        for subclass in pending.pop().__subclasses__():
            pending.append(subclass)
            if subclass.__module__.split(".")[0] in APPS:
                found.add(subclass)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


FORMS = [cls for cls in app_form_classes() if cls.__module__ != "learning.forms"]


def test_the_apps_have_forms_to_check():
    names = {cls.__name__ for cls in FORMS}
    assert {"SignUpForm", "ClassForm", "HouseholdForm", "ExternalTrainingForm"} <= names


@pytest.mark.parametrize("form_class", FORMS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_form_of_the_apps_keeps_the_text_rule(form_class):
    assert issubclass(form_class, TextRuleMixin), (
        f"{form_class.__module__}.{form_class.__name__} must derive from learning.forms.Form "
        "or learning.forms.ModelForm"
    )


def build(form_class):
    """An unbound form; some need the objects they choose from."""
    from classes.models import Centre

    name = form_class.__name__
    if form_class.__module__ == "courses.forms" and name == "AttendanceForm":
        return form_class(registrations=[])
    if form_class.__module__ == "classes.forms" and name == "AttendanceForm":
        return form_class(signups=[])
    if name in ("ClassForm", "TrainingForm", "TownForm"):
        return form_class(centres=Centre.objects.all())
    return form_class()


hostile = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30) | st.lists(
    st.sampled_from([*FORBIDDEN, "山田", "\n", "\r\n", "\t", " ", "👨\u200d👩"]), max_size=6
).map("".join)


@pytest.mark.django_db
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=hostile)
@example(value="山田\u200b太郎")
@example(value="一行目\r\n二行目")
def test_no_text_field_of_any_form_takes_a_forbidden_character(value):
    for form_class in FORMS:
        form = build(form_class)
        for name, field in form.fields.items():
            if not isinstance(field, forms.CharField) or isinstance(
                field.widget, forms.PasswordInput
            ):
                continue
            multiline = isinstance(field.widget, forms.Textarea)
            typed = value.strip() if field.strip else value  # what the validators see
            refused_chars = forbidden_characters(typed, multiline=multiline)
            try:
                cleaned = field.clean(value)
            except forms.ValidationError as error:
                if refused_chars:
                    assert any(JAPANESE.search(m) for m in error.messages), error.messages
                continue
            assert not refused_chars, (form_class, name, value)
            assert not forbidden_characters(str(cleaned or ""), multiline=multiline)


# The admin ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_admin_form_of_the_apps_keeps_the_text_rule(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in (*APPS, "mfa"):
            continue
        admins = [model_admin, *model_admin.get_inline_instances(request)]
        for each in admins:
            form_class = each.get_formset(request).form if hasattr(each, "get_formset") else None
            form_class = form_class or each.get_form(request)
            for name, field in form_class.base_fields.items():
                if isinstance(field, forms.CharField) and not isinstance(
                    field.widget, forms.PasswordInput
                ):
                    assert any(isinstance(v, TextRuleValidator) for v in field.validators), (
                        model,
                        name,
                    )
                    checked += 1
    assert checked > 10
