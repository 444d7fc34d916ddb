"""``practice-desk``: the GUI with no arguments, headless jobs as subcommands.

Exit codes: 0 ok, 1 a check failed or an operation was refused, 2 usage,
3 wrong password or unknown user.
"""

from practice_desk.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
