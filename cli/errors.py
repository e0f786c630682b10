"""The one error a command raises for bad input or arguments; `cli.main` prints it as one line on stderr."""

from __future__ import annotations


class CommandError(Exception):
    """Bad input or arguments: printed as one line on stderr, exit status 2 (1 for `failed`)."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status
