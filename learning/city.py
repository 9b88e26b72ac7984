"""The city that runs the system: its name, prefecture, local government code and public
contact details, read from the settings (``CITY_*``, from the environment; 鹿嶋市 by default).

Every page, feed and file that names the city asks ``current()``; nothing else reads the
``CITY_*`` settings. Templates get it as ``{{ city }}`` (``learning.context_processors.city``).

The 全国地方公共団体コード is six digits: the five-digit code and a check digit (総務省's
rule: weights 6, 5, 4, 3, 2 on the five digits, sum modulo 11, check digit = last digit
of 11 minus the remainder). ``learning.checks`` refuses a code whose check digit is wrong.
"""

from dataclasses import dataclass

from django.conf import settings

CODE_WEIGHTS = (6, 5, 4, 3, 2)


@dataclass(frozen=True)
class City:
    name: str  # 鹿嶋市
    prefecture: str  # 茨城県
    code: str  # 全国地方公共団体コード, six digits with the check digit: 082228
    office: str  # the office that answers citizens, e.g. 鹿嶋市 教育委員会 生涯学習課
    phone: str  # its public phone number
    address: str  # its postal address
    hours: str  # when it answers the phone, in words

    @property
    def full_name(self) -> str:
        """茨城県鹿嶋市"""
        return f"{self.prefecture}{self.name}"


def current() -> City:
    """The city, read from the settings at call time (tests may override them)."""
    return City(
        name=settings.CITY_NAME,
        prefecture=settings.CITY_PREFECTURE,
        code=settings.CITY_CODE,
        office=settings.CITY_OFFICE,
        phone=settings.CITY_PHONE,
        address=settings.CITY_ADDRESS,
        hours=settings.CITY_HOURS,
    )


def check_digit(five_digits: str) -> int:
    """The check digit of a five-digit local government code: ``check_digit("08222") == 8``."""
    if len(five_digits) != 5 or not five_digits.isascii() or not five_digits.isdigit():
        raise ValueError(f"a local government code has five digits, not {five_digits!r}")
    total = sum(
        int(digit) * weight for digit, weight in zip(five_digits, CODE_WEIGHTS, strict=True)
    )
    return (11 - total % 11) % 10


def is_valid_code(code: str) -> bool:
    """Six ASCII digits whose last is the check digit of the first five."""
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return False
    return check_digit(code[:5]) == int(code[5])
