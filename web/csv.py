"""Writing CSV that spreadsheets open safely, for every app's exports."""

#: First characters that make a spreadsheet read a cell as a formula (OWASP, ASVS 1.2.10).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")


def csv_safe(value):
    """Return ``value`` with a leading apostrophe if it is text a spreadsheet would run.

    Keeps a cell such as ``=HYPERLINK(…)`` from running as a formula (CSV
    injection); numbers, dates and other values pass unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
