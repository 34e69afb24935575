#!/usr/bin/env python3
"""Writes a busy year's calendar export (.ics) to stdout: about 5,000 events over 2025-12-01 to
2026-11-30, with weekly and daily series, EXDATEs, moved occurrences, all-day and free events.
Deterministic (seeded), for benches/import.sh."""
import datetime as dt
import random

rng = random.Random(8)
start = dt.date(2025, 12, 1)
days = [start + dt.timedelta(days=i) for i in range(365)]
workdays = [d for d in days if d.weekday() < 5]
titles = ["Discovery call", "Demo", "Proposal review", "Support call", "Escalation",
          "Team sync", "1:1", "Customer lunch", "Pipeline review", "Training", "Follow-up"]
out = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//protime bench//EN"]


def event(uid, day, hour, minute, length, title, extra=()):
    s = dt.datetime.combine(day, dt.time(hour, minute))
    e = s + dt.timedelta(minutes=length)
    out.extend(["BEGIN:VEVENT", f"UID:{uid}",
                f"DTSTART;TZID=Europe/Berlin:{s:%Y%m%dT%H%M%S}",
                f"DTEND;TZID=Europe/Berlin:{e:%Y%m%dT%H%M%S}",
                f"SUMMARY:{title}", *extra, "END:VEVENT"])


# Series: a daily stand-up, weekly meetings; each with a few EXDATEs and one moved occurrence.
for n, (rule, hour) in enumerate([("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", 9)] +
                                  [(f"FREQ=WEEKLY;BYDAY={d}", 10 + i % 6)
                                   for i, d in enumerate(["MO", "TU", "WE", "TH", "FR"] * 3)]):
    first = workdays[n % 5]
    ex = [rng.choice(workdays) for _ in range(3)]
    exdates = [f"EXDATE;TZID=Europe/Berlin:{d:%Y%m%d}T{hour:02d}0000" for d in ex]
    event(f"series-{n}", first, hour, 0, 30, titles[n % len(titles)], [f"RRULE:{rule}", *exdates])
    moved = workdays[100 + n]
    if moved.weekday() == first.weekday() or n == 0:
        out.extend(["BEGIN:VEVENT", f"UID:series-{n}",
                    f"RECURRENCE-ID;TZID=Europe/Berlin:{moved:%Y%m%d}T{hour:02d}0000",
                    f"DTSTART;TZID=Europe/Berlin:{moved:%Y%m%d}T{hour + 1:02d}0000",
                    f"DTEND;TZID=Europe/Berlin:{moved:%Y%m%d}T{hour + 1:02d}3000",
                    "SUMMARY:moved", "END:VEVENT"])

# Single events: about 15 a working day.
uid = 0
for d in workdays:
    for _ in range(15):
        uid += 1
        extra = ["TRANSP:TRANSPARENT"] if uid % 40 == 0 else []
        event(f"single-{uid}", d, rng.randint(8, 17), rng.choice([0, 15, 30, 45]),
              rng.choice([15, 30, 45, 60, 90]), rng.choice(titles), extra)
    if d.day == 1:
        out.extend(["BEGIN:VEVENT", f"UID:allday-{d}", f"DTSTART;VALUE=DATE:{d:%Y%m%d}",
                    "SUMMARY:Month start", "END:VEVENT"])
out.append("END:VCALENDAR")
print("\r\n".join(out), end="\r\n")
