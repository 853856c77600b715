"""``diptych check``: the gate every pull request passes.

The rules (see :mod:`.rules` for codes and explanations) come in families, one module
each: :mod:`.catalogs` (D1xx), :mod:`.markup` (D2xx), :mod:`.numbers` and
:mod:`.glossary` (D3xx), :mod:`.states` (D4xx), :mod:`.injection` (D5xx).
:mod:`.runner` selects files and decides severities; :mod:`.report` prints.
"""

from .rules import RULES, Rule, Severity
from .runner import Problem, Result, run

__all__ = ["RULES", "Problem", "Result", "Rule", "Severity", "run"]
