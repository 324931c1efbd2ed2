"""The B1 gate: every resident-facing text is checked for plain Dutch.

`python -m content.lint [--all] [--json]`; from code: `check_text(key, variant, text)`
gives the problems of one text, `check_all(load_texts("nl"))` a whole `Report`.
"""

from content.lint.checks import Checked, Report, Sentence, check_all, check_text, measure
from content.lint.problems import Problem
from content.lint.report import main

__all__ = [
    "Checked",
    "Problem",
    "Report",
    "Sentence",
    "check_all",
    "check_text",
    "main",
    "measure",
]
