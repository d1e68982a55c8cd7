"""`phutrach rules`: the rulebook in force, printed as tables."""

import click
from tabulate import tabulate

from commands.cli import cli
from commands.common import echo, pass_ctx
from store.lang import labels
from store.lang.i18n import _
from store.rules import rulebook as rulebooks
from store.rules.rulebook import UNIT_KINDS, Rulebook
from store.rules.rulebook import in_force as rulebook_in_force


@cli.command(help=_("Show the rulebook in force: meeting frequencies, score sheet, thresholds."))
@click.option(
    "--rulebook",
    "source",
    metavar=_("NAME_OR_PATH"),
    help=_("A shipped rulebook (resolution, hd12) or a TOML file; no database needed then."),
)
@pass_ctx
def rules(ctx, source):
    book = rulebooks.load(source) if source else rulebook_in_force(ctx.db(create=False))
    echo(
        _("Rulebook: {name} ({code}), file {path}").format(
            name=book.name, code=book.code, path=book.path
        )
    )
    for title, headers, rows in _sections(book):
        echo(f"\n{title}")
        echo(tabulate(rows, headers=headers))


def _yes(flag: bool) -> str:
    return _("yes") if flag else ""


def _sections(book: Rulebook):
    """(title, headers, rows) of every table `rules` prints."""
    yield _meetings(book)
    yield (
        _("Visits and attendance"),
        [_("Rule"), _("Value")],
        [
            [_("Visit cadences"), ", ".join(labels.label("cadence", c) for c in book.cadences)],
            [_("Grace days before a visit is overdue"), book.grace_days],
            [_("Attendance threshold (% of members owed)"), book.attendance_threshold],
            [_("Minimum meeting duration (minutes)"), book.minimum_duration or ""],
        ],
    )
    yield (
        _("Score sheet (maximum {total} points)").format(total=book.max_total),
        [_("Criterion"), _("Description"), _("Maximum"), _("Must be full for “Tốt”")],
        [[c.id, c.label, c.max, _yes(c.required_for_good)] for c in book.criteria],
    )
    yield (
        _("Scores and facts (a score the meeting's facts deny is refused)"),
        [_("Criterion"), _("Full marks need"), _("Any points need")],
        [
            [c.id, ", ".join(c.needs_full), ", ".join(c.needs_any)]
            for c in book.criteria
            if c.needs_full or c.needs_any
        ],
    )
    yield (
        _("Meeting ratings"),
        [_("Level"), _("Label"), _("From (points)")],
        [[r.level, r.label, r.min] for r in book.ratings],
    )
    yield (
        _("Concern categories"),
        [_("Id"), _("Label")],
        [[c.id, c.label] for c in book.categories],
    )
    yield (
        _("Concern routes"),
        [_("Id"), _("Label"), _("Due in (days)")],
        [[c.id, c.label, c.due_days] for c in book.routes],
    )
    yield (
        _("Capability dimensions"),
        [_("Id"), _("Label")],
        [[c.id, c.label] for c in book.dimensions],
    )
    yield (_("Capability scale"), [_("Id"), _("Label")], [[c.id, c.label] for c in book.scale])
    yield (
        _("Annual rating levels"),
        [_("Level"), _("Label"), _("From (points)")],
        [[lv.level, lv.label, lv.min] for lv in book.annual_levels],
    )


def _condition(rule) -> str:
    if rule.needs_standing_committee:
        return _("only with a standing committee")
    if rule.needs_committee:
        return _("only where the committee has more than a secretary")
    return ""


def _meetings(book: Rulebook):
    """Required meetings with their frequency, then the kinds a unit may hold without one."""
    rows = []
    for kind in UNIT_KINDS:
        for rule in (*book.meetings, *book.allowed_meetings):
            if kind in rule.unit_kinds:
                at_least = (
                    _("{count} per {period}").format(
                        count=rule.count, period=labels.label("period", rule.per)
                    )
                    if hasattr(rule, "count")
                    else _("allowed, no frequency set")
                )
                rows.append(
                    [
                        labels.label("unit_kind", kind),
                        labels.label("meeting_kind", rule.meeting_kind),
                        at_least,
                        _condition(rule),
                    ]
                )
    headers = [_("Unit kind"), _("Meeting"), _("At least"), _("Condition")]
    return _("Required meetings"), headers, rows
