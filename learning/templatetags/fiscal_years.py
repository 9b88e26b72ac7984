import datetime as dt

from django import template

from learning import fiscal

register = template.Library()


@register.filter
def fiscal_year_label(fy):
    """{{ 2026|fiscal_year_label }} -> 令和8年度 (2026年度)"""
    try:
        return fiscal.label(int(fy))
    except (TypeError, ValueError):
        return ""


@register.filter
def japanese_fiscal_year(fy):
    """{{ 2019|japanese_fiscal_year }} -> 令和元年度"""
    try:
        return fiscal.japanese_label(int(fy))
    except (TypeError, ValueError):
        return ""


@register.filter
def fiscal_year_of(value):
    """{{ some_date|fiscal_year_of }} -> 2026"""
    if isinstance(value, dt.date):
        return fiscal.fiscal_year_of(value)
    return ""


@register.filter
def wareki(value):
    """{{ some_date|wareki }} -> 令和8年4月1日"""
    if isinstance(value, dt.datetime):
        value = fiscal.timezone.localtime(value, fiscal.TOKYO).date()
    if isinstance(value, dt.date):
        return fiscal.japanese_date(value)
    return ""


@register.inclusion_tag("includes/fiscal_year_selector.html", takes_context=True)
def fiscal_year_selector(context, selected, first=fiscal.PLAN_FIRST_YEAR):
    """A GET form that picks ?fy=YYYY, keeping the page's other query parameters."""
    request = context["request"]
    return {
        "selected": int(selected),
        "years": [(year, fiscal.label(year)) for year in fiscal.selectable_years(first=first)],
        "other_params": [(k, v) for k, v in request.GET.items() if k not in ("fy", "page")],
    }
