"""Usage errors of the command line in its language: a missing argument, an unknown
option or command, a value of the wrong kind.

Click (as typer vendors it) writes them in English: ``Try 'iocluster shock --help' for
help.`` and ``Error: Missing argument 'table'.``. :class:`UsageInLanguage` writes the
same lines in the language of the command line (``--lang``, else ``IOCLUSTER_LANG``,
else English; :func:`~iocluster.cli.help.help_language`), from what the error knows —
the parameter, the option's name, the command's name — never from its English words.
What Click alone knows (a converter's detail, such as why a value is not a number) is
kept as Click says it, after the translated part. The English lines are Click's, word for
word.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import IO, Any

from typer import _click
from typer._click._compat import get_text_stderr
from typer._click.exceptions import (
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)

from iocluster.core.messages import Message, render

__all__ = ["UsageInLanguage", "in_language", "no_such_command"]


class UsageInLanguage(UsageError):
    """A usage error said in ``lang``: the usage line (the command's own, in the help
    language), the hint to ask for help, then the error."""

    def __init__(self, said: Message | str, ctx: _click.Context | None, lang: str) -> None:
        super().__init__(said if isinstance(said, str) else render(said, "en"), ctx)
        self.said = said
        self.lang = lang

    def show(self, file: IO[Any] | None = None) -> None:
        """Write the error as Click does, in :attr:`lang`."""
        out = file or get_text_stderr()
        ctx = self.ctx
        color = ctx.color if ctx is not None else None
        if ctx is not None:
            hint = ""
            if ctx.command.get_help_option(ctx) is not None:
                command = f"{ctx.command_path} {ctx.help_option_names[0]}"
                hint = render(Message("cli.usage.try", command=command), self.lang) + "\n"
            _click.echo(f"{ctx.get_usage()}\n{hint}", file=out, color=color)
        said = render(Message("cli.usage.error", message=self.said), self.lang)
        _click.echo(said, file=out, color=color)


def in_language(exc: UsageError, lang: str) -> UsageError:
    """``exc`` as a :class:`UsageInLanguage` in ``lang`` (the help that Click shows when
    a command is given no arguments stays as it is: it is the help, already in
    ``lang``)."""
    if isinstance(exc, UsageInLanguage | NoArgsIsHelpError):
        return exc
    out = UsageInLanguage(_said(exc), exc.ctx, lang)
    out.exit_code = exc.exit_code
    return out


def no_such_command(
    name: str, commands: Iterable[str], ctx: _click.Context, lang: str
) -> UsageInLanguage:
    """``No such command 'x'.``, with the closest commands' names when some are close."""
    close = difflib.get_close_matches(name, list(commands))
    if close:
        said = Message("cli.usage.no_such_command_like", name=repr(name),
                       commands=", ".join(repr(c) for c in close))  # fmt: skip
    else:
        said = Message("cli.usage.no_such_command", name=repr(name))
    return UsageInLanguage(said, ctx, lang)


def _hint(exc: BadParameter) -> str | None:
    """How Click names the parameter of ``exc`` (``'table'``, ``'--top'``)."""
    if exc.param_hint is not None:
        hint = exc.param_hint
        return hint if isinstance(hint, str) else " / ".join(repr(x) for x in hint)
    return exc.param.get_error_hint() if exc.param is not None else None


def _said(exc: UsageError) -> Message | str:
    """What ``exc`` says, by key when the error tells what it is about."""
    if isinstance(exc, MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "parameter")
        code = f"cli.usage.missing_{kind}" if kind in ("argument", "option") else None
        hint = _hint(exc)
        more = exc.param.get_missing_message(ctx=exc.ctx) if exc.param is not None else None
        if code is None or hint is None or exc.message or more:
            return exc.format_message()  # a message or choices of its own: Click's words
        return Message(code, name=hint)
    if isinstance(exc, BadParameter):
        hint = _hint(exc)
        if hint is None:
            return exc.format_message()
        return Message("cli.usage.bad_value", name=hint, detail=exc.message)
    if isinstance(exc, NoSuchOption) and exc.message == f"No such option: {exc.option_name}":
        name = exc.option_name
        if exc.possibilities:
            options = ", ".join(sorted(exc.possibilities))
            return Message("cli.usage.no_such_option_like", name=name, options=options)
        return Message("cli.usage.no_such_option", name=name)
    return exc.format_message()
