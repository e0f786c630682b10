"""`guidecrawl CMD ...`: argument parsing and the one-line-error contract shared by every command.

Each command lives in its own module with `add_arguments(parser)` and `run(args) -> int`. Command modules
import their heavy dependencies inside `run`, so `guidecrawl normalize --help` never pays for Scrapy's import.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# command name → (module, one-line help). The module's docstring is the command's long description.
COMMANDS: dict[str, tuple[str, str]] = {
    "normalize": ("cli.normalize", "repair damaged text: mojibake, pinyin readings, traditional script, width"),
    "entities": ("cli.entities", "normalize text, then print phones, addresses, amounts, dates ... as JSON lines"),
    "content": ("cli.content", "print the main text of one saved HTML page (any encoding)"),
    "extract": ("cli.extract", "saved pages (files or folders) → Parquet/CSV tables"),
    "demo": ("cli.demo", "serve the bundled fixture site on 127.0.0.1, crawl it, write the tables"),
    "views": ("cli.views", "DuckDB views over an output folder: latest pages, latest entities, one wide entities"),
    "report": ("cli.report", "a static HTML report of an output folder: pages, entities, errors, encodings"),
}


class CommandError(Exception):
    """Bad input or arguments: printed as one line on stderr, exit status 2 (1 for `failed`)."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guidecrawl",
        description=(
            "Turn Chinese (and some English) medical- and social-insurance guide pages into clean tables: "
            "phones, addresses, amounts, percents, dates, emails, urls and policy document numbers."
        ),
        epilog="Run 'guidecrawl CMD --help' for the options of one command.",
    )
    sub = parser.add_subparsers(dest="command", metavar="CMD", required=True)
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(module_name)
        command_parser = sub.add_parser(
            name,
            help=help_text,
            description=(module.__doc__ or help_text).strip(),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(command_parser)
        command_parser.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except CommandError as exc:
        print(f"guidecrawl {args.command}: error: {exc}", file=sys.stderr)
        return exc.status
    except KeyboardInterrupt:
        print(f"guidecrawl {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `guidecrawl entities big.txt | head`: the reader left; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except OSError as exc:
        print(
            f"guidecrawl {args.command}: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return 2
    except Exception as exc:  # a bug, but the user still gets one line; GUIDECRAWL_DEBUG=1 shows the trace
        if os.environ.get("GUIDECRAWL_DEBUG"):
            raise
        print(f"guidecrawl {args.command}: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
