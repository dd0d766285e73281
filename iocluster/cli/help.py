"""The command line's help in the language asked for (``--lang``, else ``IOCLUSTER_LANG``,
else English).

The help of every command, argument and option is a key of the ``help`` catalogue
(``iocluster/locale/<lang>/help.po``): ``help.shock`` for a command, ``help.shock.scenario``
for one of its parameters, ``help.opt.output`` for an option declared once in
:mod:`iocluster.cli.common`; the code names the key (``typer.Option(help="help.opt.force")``)
and the classes here write its text. Click's own words (``Usage:``, ``Options``,
``Arguments``, ``Commands``, the ``--help`` option's help, ``[default: …]``, ``[required]``,
``[env var: …]``) are keys ``help.click.*`` of the same catalogue.

``--help`` is eager: Click prints the help while it parses the arguments, before
``--lang`` has a value. So :class:`HelpCommand` and :class:`HelpGroup` read the language
from the raw arguments they are given (``--lang X`` or ``--lang=X``), before Click parses
them, and keep it in the context's ``meta`` (shared by a group and its commands). An
unknown language gives the English help (the command itself refuses it). Only the
catalogue (Babel's PO reader) is read: no numerical library is imported.
"""

from __future__ import annotations

import copy
import inspect
import os
from collections.abc import Sequence
from typing import Any

from typer import _click
from typer._click.exceptions import UsageError
from typer.core import TyperCommand, TyperGroup

from iocluster.cli.usage import in_language as usage_in_language
from iocluster.cli.usage import no_such_command
from iocluster.core.messages import LANGS, Message, render, template

__all__ = [
    "HELP_CODES",
    "HELP_OPTION",
    "HelpCommand",
    "HelpGroup",
    "args_language",
    "help_language",
    "help_text",
]

#: The key of the ``--help`` option's own help.
HELP_OPTION = "help.click.help"
#: Where a context (and the contexts of its commands) keeps the language of the help.
_META = "iocluster.help_lang"
_ENV = "IOCLUSTER_LANG"
#: The codes the help texts name by placeholder, the same in every language (a choice, a
#: file or column name, a command to type): ``{none}`` in ``help.opt.closure``.
HELP_CODES: dict[str, str] = {
    "none": "none",
    "income": "income",
    "compensation": "compensation",
    "toml_clusters": "[clusters] name = [codes]",
    "code_cluster": "code,cluster",
    "regions_file": "uzbekistan-regions/regions.csv",
    "address": "tcp://host:8786",
    "pip_dask": "pip install 'iocluster[dask]'",
    "pip_lab": "pip install 'iocluster[lab]'",
    "format_table": "--format table",
    "kinds": "direct, indirect, simple, induced, total, type_I, type_II",
    "readme": "README",
    "cerr_section": "Coming from the CERR IO model",
    "total": "total",
    "backward": "backward",
    "forward": "forward",
    "partial": "partial",
    "linkages": "linkages",
    "deletion": "deletion",
    "dir": "DIR",
    "analysis_xlsx": "DIR/analysis.xlsx",
    "figures": "DIR/figures/*.png|svg",
    "figures_dir": "DIR/figures",
    "multipliers": "multipliers",
    "shock": "shock",
    "analyze": "analyze",
    "iocluster_shock": "iocluster shock",
    "exports": "exports",
    "table_arg": "TABLE",
    "source_arg": "SOURCE",
    "code_value": "code,value",
    "code_group": "code,group",
    "long_columns": "region,code,employment",
    "region_value": "Region,value",
    "out_npz": "OUT.npz",
    "report_xlsx": "report.xlsx",
    "bea": "BEA",
    "bea_make_use": "BEA make/use",
    "million": "million",
}


def _known(lang: str | None) -> str | None:
    """``lang`` as one of :data:`~iocluster.core.messages.LANGS` (case-insensitive), or
    None when it names none of them."""
    if lang is None:
        return None
    return {code.lower(): code for code in LANGS}.get(lang.strip().lower())


def args_language(args: Sequence[str]) -> str | None:
    """The language the raw arguments of a command name, before Click parses them.

    Parameters
    ----------
    args
        The arguments as Click receives them (``["shock", "--help", "--lang", "ru"]``).

    Returns
    -------
    str or None
        The value of the last ``--lang X`` or ``--lang=X`` before ``--`` (the last one
        wins, as in Click), as given; None when there is none.

    Examples
    --------
    >>> args_language(["shock", "--help", "--lang", "ru"]), args_language(["--lang=uz"])
    ('ru', 'uz')
    >>> args_language(["--help"]) is None, args_language(["--", "--lang", "ru"]) is None
    (True, True)
    """
    found = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith("--lang="):
            found = arg.split("=", 1)[1]
    return found


def help_language(args: Sequence[str] = ()) -> str:
    """The language of the help.

    Parameters
    ----------
    args
        The raw arguments of the command or group (:func:`args_language`).

    Returns
    -------
    str
        ``--lang`` among ``args``, else ``IOCLUSTER_LANG``, else ``"en"``, as one of
        :data:`~iocluster.core.messages.LANGS` (case-insensitive); ``"en"`` too when the
        language given is none of them (the command itself refuses it).

    Examples
    --------
    >>> help_language(["--lang", "UZ-cyrl"]), help_language(["--lang", "fr"])
    ('uz-Cyrl', 'en')
    """
    given = args_language(args)
    if given is None:
        given = os.environ.get(_ENV)
    return _known(given) or "en"


def _context_language(ctx: _click.Context) -> str:
    """The help language the command line chose (:func:`help_language` of no arguments
    when nothing was parsed, as for a help asked for by code)."""
    lang = ctx.meta.get(_META)
    return lang if isinstance(lang, str) else help_language()


def help_text(key: str | None, lang: str) -> str:
    """A help text of the ``help`` catalogue in a language.

    Parameters
    ----------
    key
        A key of the catalogue (``help.shock``, ``help.opt.output``); a text that is no
        key is a help given as plain words.
    lang
        One of :data:`~iocluster.core.messages.LANGS`.

    Returns
    -------
    str
        The text in ``lang`` (English where ``lang`` lacks it) with the codes of
        :data:`HELP_CODES` in place; plain words as they are; ``""`` for no help.

    Examples
    --------
    >>> help_text("help.opt.force", "ru"), help_text("Plain words.", "ru")
    ('Перезаписать существующий файл результатов.', 'Plain words.')
    """
    if not key or template(key, lang) is None:
        return key or ""
    return render(Message(key, HELP_CODES), lang)


def _mark(piece: str, lang: str) -> str:
    """One of Click's marks after a parameter's help (``default: x``, ``env var: X``,
    ``required``; a range such as ``x>=0`` as it is) in ``lang``."""
    if piece == "required":
        return render(Message("help.click.required"), lang)
    for prefix, key, name in (
        ("default: ", "help.click.default", "default"),
        ("env var: ", "help.click.env_var", "var"),
    ):
        if piece.startswith(prefix):
            return render(Message(key, {name: piece[len(prefix) :]}), lang)
    return piece


def _marks(extra: str, lang: str) -> str:
    """Click's ``[default: x; required]`` after a parameter's help, in ``lang``."""
    if not (extra.startswith("[") and extra.endswith("]")):
        return extra
    return "[" + "; ".join(_mark(p, lang) for p in extra[1:-1].split("; ")) + "]"


def _param_record(
    param: _click.Parameter, ctx: _click.Context, lang: str
) -> tuple[str, str] | None:
    """The two columns of a parameter's line in the help (its names and metavar as Click
    writes them; its help and marks in ``lang``), or None for a hidden one."""
    bare = copy.copy(param)
    bare.help = ""  # type: ignore[attr-defined]  # typer's parameters have a help
    record = bare.get_help_record(ctx)
    if record is None:
        return None
    names, extra = record
    text = help_text(getattr(param, "help", None), lang)
    extra = _marks(extra, lang)
    return names, f"{text}  {extra}" if text and extra else text or extra


class _HelpWords(_click.Command):
    """What a command and a group share: the usage line, the help text, the arguments and
    options, and the ``--help`` option, in the help language."""

    def get_help_option(self, ctx: _click.Context) -> Any:
        """Click's ``--help`` option, its help given by key."""
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION
        return option

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The usage line, ``Usage:`` in the help language."""
        prefix = help_text("help.click.usage", _context_language(ctx)) + " "
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=prefix)

    def format_help_text(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The command's help, from the catalogue, in the help language."""
        text = help_text(self.help, _context_language(ctx))
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(inspect.cleandoc(text))

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The arguments, then the options, each with its help in the help language."""
        lang = _context_language(ctx)
        rows: dict[str, list[tuple[str, str]]] = {"argument": [], "option": []}
        for param in self.get_params(ctx):
            record = _param_record(param, ctx, lang)
            if record is not None and param.param_type_name in rows:
                rows[param.param_type_name].append(record)
        for kind, title in (("argument", "help.click.arguments"), ("option", "help.click.options")):
            if rows[kind]:
                with formatter.section(help_text(title, lang)):
                    formatter.write_dl(rows[kind])


class HelpCommand(_HelpWords, TyperCommand):
    """A command whose help is written in the language of the command line."""

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        """Note the help language from the raw ``args`` (``--help`` is handled while they
        are parsed, before ``--lang`` has a value), then parse them as Click does."""
        ctx.meta[_META] = help_language(args)
        try:
            return super().parse_args(ctx, args)
        except UsageError as exc:
            raise usage_in_language(exc, ctx.meta[_META]) from None

    def short_help_in(self, lang: str, limit: int = 45) -> str:
        """The first sentence of the command's help in ``lang`` (cut at ``limit``
        characters), as the list of commands shows it."""
        return _click.utils.make_default_short_help(help_text(self.help, lang), limit)

    def get_short_help_str(self, limit: int = 45) -> str:
        """:meth:`short_help_in` in the language of the running command line (shell
        completion asks for it)."""
        from typer._click.globals import get_current_context

        ctx = get_current_context(silent=True)
        return self.short_help_in(_context_language(ctx) if ctx else help_language(), limit)


class HelpGroup(_HelpWords, TyperGroup):
    """The ``iocluster`` group: its help, and its list of commands, in the language of the
    command line."""

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        """Note the help language from the raw ``args``; a ``--lang`` given before a
        command name with ``--help`` (``iocluster --help --lang ru``) only chooses the
        language of this help, so it is taken out before Click parses the rest."""
        ctx.meta[_META] = help_language(args)
        try:
            return super().parse_args(ctx, _without_lang_before_command(args, ctx))
        except UsageError as exc:
            raise usage_in_language(exc, ctx.meta[_META]) from None

    def resolve_command(
        self, ctx: _click.Context, args: list[str]
    ) -> tuple[str | None, _click.Command | None, list[str]]:
        """The command ``args`` name; an unknown one is said in the language of the
        command line, with the closest commands' names."""
        try:
            return super().resolve_command(ctx, args)
        except UsageError as exc:
            if args and self.get_command(ctx, args[0]) is None and not args[0].startswith("-"):
                names = self.list_commands(ctx)
                raise no_such_command(args[0], names, ctx, _context_language(ctx)) from None
            raise usage_in_language(exc, _context_language(ctx)) from None

    def format_options(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The group's options, then its commands."""
        super().format_options(ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_commands(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The commands, each with the first sentence of its help in the help language."""
        lang = _context_language(ctx)
        commands = [
            (name, cmd)
            for name in self.list_commands(ctx)
            if (cmd := self.get_command(ctx, name)) is not None and not cmd.hidden
        ]
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in commands)
        rows = [(name, _short_help(cmd, lang, limit)) for name, cmd in commands]
        with formatter.section(help_text("help.click.commands", lang)):
            formatter.write_dl(rows)


def _short_help(cmd: _click.Command, lang: str, limit: int) -> str:
    """A command's short help in ``lang`` (Click's own for a command of another class)."""
    if isinstance(cmd, HelpCommand):
        return cmd.short_help_in(lang, limit)
    return cmd.get_short_help_str(limit)


def _without_lang_before_command(args: list[str], ctx: _click.Context) -> list[str]:
    """``args`` without the ``--lang`` given before the command name when ``--help`` is
    there too (the group has no ``--lang`` of its own); otherwise ``args`` as they are."""
    head: list[str] = []
    i = 0
    while i < len(args) and args[i].startswith("-") and args[i] != "--":
        if args[i] == "--lang":
            i += 2
            continue
        if not args[i].startswith("--lang="):
            head.append(args[i])
        i += 1
    if not set(head) & set(ctx.help_option_names):
        return args
    return head + args[i:]
