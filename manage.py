#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learning.settings")
    if "DJANGO_SECRET_KEY" not in os.environ:
        # No production configuration here: a developer's checkout, so development mode.
        # (Production sets DJANGO_SECRET_KEY; the WSGI entry point never defaults to DEBUG.)
        os.environ.setdefault("DJANGO_DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
