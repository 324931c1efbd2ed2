"""`python -m content.lint [--all] [--json]`: the B1 gate; exit 1 on any error."""

import sys

from content.lint.report import main

sys.exit(main(sys.argv[1:]))
