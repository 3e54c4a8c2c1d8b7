"""The per-actor activity counts every store keeps at ingest (:meth:`GraphStore.actor_activity`).

One row per (actor, level, bucket, relation): the statements involving the actor (speaking,
spoken for, or in any target role) of that relation, dated that day (level ``"day"``), ISO
week (``"week"``) or month (``"month"``), counted once each in every way the actor takes part
(:func:`graph.store.activity_counts`: statements, given, targeted, received, mentioned).
Undated statements have the bucket :data:`graph.store.UNDATED` on every level, after every
date. Stores add a statement's rows when they write it and subtract them when they delete or
replace it (like :mod:`graph.aggregates`), so a hub's profile reads a few hundred month rows
and its day timeline a row per day and relation, however many statements it has.

Examples
--------
>>> from graph.analytics import demo_data
>>> rows = activity_deltas(demo_data().statements)
>>> rows[("c", "month", "2026-01", "threatens")], rows[("b", "day", "2026-01-01", "supports")]
([1, 1, 0, 0, 0], [1, 0, 1, 1, 0])
>>> activity_deltas(demo_data().statements, -1)[("c", "month", "2026-01", "threatens")]
[-1, -1, 0, 0, 0]
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date

from graph.model import ActivityPeriod, ActorActivity, Statement, TargetRole
from graph.store import SPEAKS, UNDATED, activity_counts, day_key, fold_activity, held_roles, period_key

#: (actor_id, level, bucket, relation): level :data:`DAY`, :data:`WEEK` or :data:`MONTH`; bucket
#: a day key ('2026-01-06'), an ISO week ('2026-W02'), a month ('2026-01') or
#: :data:`graph.store.UNDATED`.
ActivityKey = tuple[str, str, str, str]
DAY = "day"
WEEK = "week"
MONTH = "month"
#: The value columns of an activity row, in order.
VALUES = ("statements", "given", "targeted", "received", "mentioned")


def month_bucket(day: str) -> str:
    """The month bucket of a day bucket (undated stays undated).

    >>> month_bucket("2026-01-06"), month_bucket("~")
    ('2026-01', '~')
    """
    return day if day == UNDATED else day[:7]


def week_bucket(day: str) -> str:
    """The ISO-week bucket of a day bucket (undated stays undated).

    >>> week_bucket("2026-01-06"), week_bucket("2025-12-29"), week_bucket("~")
    ('2026-W02', '2026-W01', '~')
    """
    return day if day == UNDATED else period_key(date.fromisoformat(day), "week")


def activity_deltas(statements: Iterable[Statement], sign: int = 1) -> dict[ActivityKey, list[int]]:
    """The activity rows of ``statements`` (times ``sign``), on both levels; rows that sum to
    nothing are dropped."""
    out: dict[ActivityKey, list[int]] = {}
    target = TargetRole.target.value
    for st in statements:
        held = held_roles(st)
        day = day_key(st.date)
        month, week = month_bucket(day), week_bucket(day)
        relation = st.relation.value
        for actor_id, roles in held.items():
            values = activity_counts(1, SPEAKS in roles, 1 if target in roles else 0)
            for key in ((actor_id, DAY, day, relation), (actor_id, WEEK, week, relation),
                        (actor_id, MONTH, month, relation)):  # fmt: skip
                acc = out.get(key)
                if acc is None:
                    out[key] = [sign * v for v in values]
                else:
                    for i, v in enumerate(values):
                        acc[i] += sign * v
    return {k: v for k, v in out.items() if any(v)}


def combine(*parts: dict[ActivityKey, list[int]]) -> dict[ActivityKey, list[int]]:
    """Sum several deltas; rows that cancel out are dropped."""
    out: dict[ActivityKey, list[int]] = {}
    for part in parts:
        for key, values in part.items():
            acc = out.setdefault(key, [0] * len(VALUES))
            for i, v in enumerate(values):
                acc[i] += v
    return {k: v for k, v in out.items() if any(v)}


def month_aligned(date_from: date | None, date_to: date | None) -> bool:
    """Whether a date range covers whole months (then the month rows answer it).

    >>> month_aligned(None, None), month_aligned(date(2026, 2, 1), date(2026, 2, 28)), month_aligned(date(2026, 2, 2), None)
    (True, True, False)
    """
    if date_from is not None and date_from.day != 1:
        return False
    return date_to is None or date_to.day == calendar.monthrange(date_to.year, date_to.month)[1]


def bucket_bounds(level: str, date_from: date | None, date_to: date | None) -> tuple[str, str]:
    """The bucket range (inclusive) of ``level`` rows dated within ``date_from``…``date_to``;
    with a lower bound, undated rows (:data:`graph.store.UNDATED`, after every date) are out.

    >>> bucket_bounds(MONTH, date(2026, 2, 1), None), bucket_bounds(DAY, None, date(2026, 2, 3))
    (('2026-02', '9999-99-99'), ('', '2026-02-03'))
    >>> bucket_bounds(DAY, None, None)
    ('', '~')
    """

    def cut(day: date) -> str:
        return period_key(day, "week") if level == WEEK else day.isoformat()[: 7 if level == MONTH else 10]

    low = cut(date_from) if date_from is not None else ""
    if date_to is not None:
        return low, cut(date_to)
    return low, "9999-99-99" if date_from is not None else UNDATED


def week_aligned(date_from: date | None, date_to: date | None) -> bool:
    """Whether a date range covers whole ISO weeks (Monday to Sunday).

    >>> week_aligned(None, None), week_aligned(date(2026, 1, 5), date(2026, 1, 11)), week_aligned(date(2026, 1, 6), None)
    (True, True, False)
    """
    return (date_from is None or date_from.weekday() == 0) and (date_to is None or date_to.weekday() == 6)


def level_of(period: str, date_from: date | None, date_to: date | None) -> str:
    """The level that answers ``period`` within the dates: months for all time and months over
    whole months, weeks for weeks over whole weeks, days otherwise."""
    if period in ("all", "month") and month_aligned(date_from, date_to):
        return MONTH
    return WEEK if period == "week" and week_aligned(date_from, date_to) else DAY


Row = tuple[str, str, int, int, int, int, int]


def fold(
    actor_id: str, period: ActivityPeriod, level: str, rows: Iterable[Row], seen: tuple[date | None, date | None]
) -> ActorActivity:
    """The :class:`ActorActivity` of (bucket, relation, *:data:`VALUES`) rows of ``level``
    (:func:`graph.store.fold_activity`); with month rows, ``seen`` is the first and last dated
    day (read from the day rows), which months cannot tell."""
    if level == DAY:
        return fold_activity(actor_id, period, rows)
    days = ((b if b == UNDATED else _first_day(level, b), r, n, g, t, rc, m) for b, r, n, g, t, rc, m in rows)
    return fold_activity(actor_id, period, days).model_copy(update={"first_seen": seen[0], "last_seen": seen[1]})


def _first_day(level: str, bucket: str) -> str:
    """The first day of a month or ISO-week bucket, as a day key."""
    if level == WEEK:
        year, week = bucket.split("-W")
        return date.fromisocalendar(int(year), int(week), 1).isoformat()
    return f"{bucket}-01"
