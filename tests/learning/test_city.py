"""The city's name, code and contact are settings, read through learning.city."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from hypothesis import given
from hypothesis import strategies as st

from learning import checks, city


@pytest.mark.parametrize(
    "code",
    ["082228", "131016", "011002", "012025", "010006", "472018"],
)
def test_real_codes_have_their_check_digit(code):
    assert city.is_valid_code(code)
    assert city.check_digit(code[:5]) == int(code[5])


@pytest.mark.parametrize("code", ["082227", "08222", "0822280", "08222８", "abcdef", ""])
def test_wrong_codes_are_refused(code):
    assert not city.is_valid_code(code)


@given(st.text(alphabet="0123456789", min_size=5, max_size=5), st.integers(0, 9))
def test_a_code_is_valid_with_its_check_digit_only(five, last):
    assert city.is_valid_code(f"{five}{last}") == (last == city.check_digit(five))


def test_the_default_city_is_kashima():
    here = city.current()
    assert (here.name, here.prefecture, here.code) == ("鹿嶋市", "茨城県", "082228")
    assert here.full_name == "茨城県鹿嶋市"


def test_another_city_comes_from_the_settings(settings):
    settings.CITY_NAME, settings.CITY_PREFECTURE, settings.CITY_CODE = "潮来市", "茨城県", "082236"
    assert city.current().full_name == "茨城県潮来市"
    assert checks.city_code_has_its_check_digit(None) == []


def test_the_system_check_refuses_a_wrong_check_digit(settings):
    settings.CITY_CODE = "082227"
    [error] = checks.city_code_has_its_check_digit(None)
    assert error.id == "learning.E003"
    assert "The check digit of 08222 is 8." in error.hint
    with pytest.raises(SystemCheckError, match="learning.E003"):
        call_command("check", "--tag", "city")


def test_the_system_check_refuses_a_phone_that_is_not_one(settings):
    settings.CITY_PHONE = "call us"
    [error] = checks.city_phone_is_a_phone_number(None)
    assert error.id == "learning.E004"
