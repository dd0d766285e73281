"""The typer application and the error contract shared by every command (DESIGN.md §5).

Exit codes: 0 ok; 1 the input or scenario is wrong (one message on stderr, no
traceback); 2 usage (typer/click). Warnings print as one ``warning:`` line each.
"""

from __future__ import annotations

import functools
import inspect
import sys
import typing
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from iocluster.cli.common import (
    CURRENT_LANG,
    LangOpt,
    check_lang,
    error_text,
    in_language,
    said,
)
from iocluster.cli.help import HelpCommand, HelpGroup
from iocluster.cli.paths import outputs_checked
from iocluster.core.budget import check_options
from iocluster.errors import IOClusterError, IOClusterWarning, ScenarioError
from iocluster.io.textsafe import printable

__all__ = ["app", "command", "help_key"]

app = typer.Typer(
    name="iocluster",
    help="help.app",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=HelpGroup,
)

F = TypeVar("F", bound=Callable[..., Any])


def _fail(message: str, problems: tuple[str, ...] = ()) -> typer.Exit:
    """One ``error:`` line (a scenario file with several problems: the count, then one
    indented line per problem)."""
    message = printable(" ".join(message.splitlines()))  # the contract: one line
    typer.echo(f"{said('cli.error')} {message}", err=True)
    for p in problems:
        typer.echo(f"  - {printable(' '.join(p.splitlines()))}", err=True)
    return typer.Exit(code=1)


def _print_warnings(caught: list[warnings.WarningMessage]) -> None:
    """iocluster's warnings as one ``warning:`` line each (once per message); warnings of
    other libraries (numpy, pandas, openpyxl) as Python shows them, not swallowed."""
    seen: set[str] = set()
    for w in caught:
        msg = str(w.message)
        if not issubclass(w.category, IOClusterWarning):
            # written directly: inside catch_warnings(record=True), showwarning would
            # append to the very list being printed
            key = f"{w.category.__name__}: {w.message}"
            if key not in seen:
                seen.add(key)
                sys.stderr.write(
                    warnings.formatwarning(w.message, w.category, w.filename, w.lineno)
                )
        elif msg not in seen:
            seen.add(msg)
            arg = w.message.args[0] if isinstance(w.message, Warning) and w.message.args else msg
            print(f"{said('cli.warning')} {printable(in_language(arg))}", file=sys.stderr)


def help_key(name: str) -> str:
    """The key of a command's help in the ``help`` catalogue (``help.scenario_template``
    for ``scenario-template``); its parameters' keys follow it (``help.shock.scenario``)."""
    return "help." + name.replace("-", "_")


def command(name: str | None = None, **kwargs: Any) -> Callable[[F], F]:
    """Register a command on :data:`app` with the shared error and warning handling, and
    a ``--lang`` option (default ``IOCLUSTER_LANG``, else English) for every word it
    prints: the command's own ``lang`` parameter when it has one, else added here. Its
    help is the catalogue's text of :func:`help_key` of its name, in the language of the
    command line (:class:`~iocluster.cli.help.HelpCommand`)."""

    def decorator(func: F) -> F:
        sig = inspect.signature(func)
        own_lang = "lang" in sig.parameters

        @functools.wraps(func)
        def wrapper(*args: Any, **kw: Any) -> Any:
            lang = check_lang(str(kw.get("lang") or "en"))
            if own_lang:
                kw["lang"] = lang
            else:
                kw.pop("lang", None)
            token = CURRENT_LANG.set(lang)
            try:
                return _run(func, args, kw)
            finally:
                CURRENT_LANG.reset(token)

        if not own_lang:  # the signature typer reads: the command's, resolved, and --lang
            hints = typing.get_type_hints(func, include_extras=True)
            params = [p.replace(annotation=hints.get(p.name, p.annotation))
                      for p in sig.parameters.values()]  # fmt: skip
            params.append(
                inspect.Parameter(
                    "lang", inspect.Parameter.KEYWORD_ONLY, default="en", annotation=LangOpt
                )
            )
            wrapper.__signature__ = sig.replace(  # type: ignore[attr-defined]
                parameters=params, return_annotation=None
            )
        key = help_key(name or func.__name__.replace("_", "-"))
        app.command(name, cls=HelpCommand, help=key, **kwargs)(wrapper)
        return func

    return decorator


def _run(func: Callable[..., Any], args: Any, kw: dict[str, Any]) -> Any:
    """Run a command: warnings as ``warning:`` lines, errors as one ``error:`` line."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", IOClusterWarning)
        try:
            # outputs never overwrite inputs (issue 18) nor, without --force, an
            # existing output (issue 27)
            with outputs_checked(kw):
                check_options(kw)  # --draws, --top, --depth within their budgets
                return func(*args, **kw)
        except ScenarioError as exc:
            if exc.problems:
                problems = tuple(in_language(p) for p in exc.problems)
                raise _fail(in_language(exc.summary) + ":", problems) from None
            raise _fail(error_text(exc)) from None
        except IOClusterError as exc:
            raise _fail(error_text(exc)) from None
        except (OSError, MemoryError) as exc:  # the system's refusals, in --lang
            from iocluster.reports.messages import fault_message

            raise _fail(in_language(fault_message(exc))) from None
        except KeyboardInterrupt:
            typer.echo(said("cli.interrupted"), err=True)
            raise typer.Exit(code=130) from None
        finally:
            _print_warnings(caught)
