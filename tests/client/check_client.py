"""Uses the Python client generated from the product's OpenAPI document as an API client would.

    check_client.py BASE_URL USERNAME PASSWORD

Logs in as Kragle.io's walkthrough does (copying the `auth_tkt` cookie from the login answer
by name), then creates, reads, lists, updates and deletes a schedule, reads the load of the
caller's schedules, checks that an invalid config is refused with code 26, then reads the
deleted schedule's history, finds it among the deleted ones and restores it with its id;
tags one, filters the list by the tag and reads the tags in use; imports a crontab (a dry run,
then for real).
Exits non-zero on the first thing that is not so.
"""

import sys
import io
from http import HTTPStatus

from kragle_client import Client
from kragle_client.api.auth import authenticate
from kragle_client.api.history import deleted_schedules, restore_schedule, schedule_history
from kragle_client.api.schedules import (
    create_schedule,
    delete_schedule,
    get_load,
    get_schedule,
    import_schedules,
    list_schedules,
    list_tags,
    update_schedule,
)
from kragle_client.types import File, Unset
from kragle_client.models import (
    Created,
    Deleted,
    DeletedPage,
    HistoryPage,
    ImportReport,
    ImportSchedulesDryRun,
    ErrorBody,
    IntervalConfig,
    Load,
    LoggedIn,
    RecurringSchedule,
    RestoreBody,
    Schedule,
    ScheduleChanges,
    SchedulePage,
    TagList,
    UsernameLogin,
)


def expect(condition, what):
    if not condition:
        sys.exit(f"generated client: {what}")
    print(f"  ok: {what}")


def main(base_url, username, password):
    anonymous = Client(base_url=base_url)
    login = authenticate.sync_detailed(client=anonymous, body=UsernameLogin(username=username, password=password))
    expect(login.status_code == HTTPStatus.OK and isinstance(login.parsed, LoggedIn), "logs in")
    expect(login.parsed.code == 0 and login.parsed.user_id > 0, "the login answer is {code: 0, user_id}")
    ticket = anonymous.get_httpx_client().cookies.get("auth_tkt")
    expect(bool(ticket), "the login answer sets the auth_tkt cookie")

    client = Client(base_url=base_url, cookies={"auth_tkt": ticket})
    created = create_schedule.sync(
        client=client, body=RecurringSchedule(name="Generated client", config=IntervalConfig(period=300))
    )
    expect(isinstance(created, Created) and created.id > 0, "creates a schedule")

    schedule = get_schedule.sync(client=client, id=created.id)
    expect(
        isinstance(schedule, Schedule)
        and (schedule.id, schedule.name, schedule.once, schedule.config.period) == (created.id, "Generated client", False, 300),
        "reads it back as written",
    )

    page = list_schedules.sync(client=client, page=1)
    expect(isinstance(page, SchedulePage) and page.pagesize == 10, "lists with pagesize 10")
    expect(any(s.id == created.id for s in page.schedules), "the list holds the new schedule")

    updated = update_schedule.sync(client=client, id=created.id, body=ScheduleChanges(name="Renamed"))
    expect(isinstance(updated, Schedule) and updated.name == "Renamed" and updated.config.period == 300, "updates the name only")

    # The load of the caller's schedules over a day in hour buckets: the new one, every 5 minutes.
    start = 1798761600
    load = get_load.sync(client=client, from_=start, to=start + 86400, bucket=3600)
    expect(isinstance(load, Load) and len(load.counts) == 24, "reads the load of a day in 24 buckets")
    expect(load.runs == sum(load.counts) and load.schedules >= 1, "the load's buckets add up to its runs")
    too_long = get_load.sync_detailed(client=client, from_=start, to=start + 32 * 86400)
    expect(too_long.status_code == HTTPStatus.BAD_REQUEST and too_long.parsed.code == 1, "a window over 31 days is code 1")

    refused = create_schedule.sync_detailed(client=client, body=RecurringSchedule(config=IntervalConfig(period=30)))
    expect(refused.status_code == HTTPStatus.UNPROCESSABLE_ENTITY, "an invalid config is refused with 422")
    expect(isinstance(refused.parsed, ErrorBody) and refused.parsed.code == 26, "an invalid config is code 26")
    expect("config.period" in refused.parsed.msg, "the message names the key")

    deleted = delete_schedule.sync(client=client, id=created.id)
    expect(isinstance(deleted, Deleted) and deleted.deleted == created.id, "deletes it")
    gone = get_schedule.sync(client=client, id=created.id)
    expect(isinstance(gone, ErrorBody) and gone.code == 6, "a deleted schedule is code 6")

    history = schedule_history.sync(client=client, id=created.id)
    expect(isinstance(history, HistoryPage) and history.count == 3, "its history has three versions")
    expect(
        [(v.version, v.action) for v in history.versions] == [(3, "deleted"), (2, "updated"), (1, "created")],
        "newest first: deleted, updated, created",
    )
    expect(history.versions[1].schedule.name == "Renamed", "each version holds the content it left")
    deleted = deleted_schedules.sync(client=client)
    expect(isinstance(deleted, DeletedPage) and [s.id for s in deleted.schedules] == [created.id], "it is among the deleted")
    restored = restore_schedule.sync(
        client=client, id=created.id, body=RestoreBody(version=1), x_change_note="back%20to%20the%20first"
    )
    expect(isinstance(restored, Schedule) and restored.id == created.id, "restores it with the same id")
    expect(restored.name == "Generated client", "as its version 1 was")
    newest = schedule_history.sync(client=client, id=created.id).versions[0]
    expect((newest.version, newest.action, newest.restored_from) == (4, "restored", 1), "the restore is version 4")
    expect(newest.note == "back to the first", "with its note")

    tagged = update_schedule.sync(client=client, id=created.id, body=ScheduleChanges(tags=["Generated", "client:py"]))
    expect(isinstance(tagged, Schedule) and tagged.tags == ["client:py", "generated"], "tags it, lower-case and sorted")
    expect(isinstance(schedule.tags, Unset), "an untagged schedule came without tags")
    filtered = list_schedules.sync(client=client, tag=["generated", "client:py"])
    expect(
        isinstance(filtered, SchedulePage) and [s.id for s in filtered.schedules] == [created.id] and filtered.count == 1,
        "the list filtered by both tags holds it alone",
    )
    tags = list_tags.sync(client=client)
    counted = {(t.tag, t.count) for t in tags.tags} if isinstance(tags, TagList) else set()
    expect({("generated", 1), ("client:py", 1)} <= counted, "the tags in use, counted")

    # An import, sent as the generated function sends a crontab: a dry run, then for real.
    crontab = b"CRON_TZ=Europe/Paris\n# Nightly from the client\n0 3 * * *\t/usr/bin/true\n@reboot /bin/true\n"
    dry = import_schedules.sync(client=client, body=File(payload=io.BytesIO(crontab)), dry_run=ImportSchedulesDryRun.TRUE)
    expect(isinstance(dry, ImportReport) and dry.created == [], "a dry run of an import creates nothing")
    statuses = [e.status.value for e in dry.entries] if isinstance(dry, ImportReport) else []
    expect(statuses == ["skipped", "skipped", "ok", "skipped"], "one entry per line: the zone, the name, the entry, @reboot")
    done = import_schedules.sync(client=client, body=File(payload=io.BytesIO(crontab)))
    expect(isinstance(done, ImportReport) and len(done.created) == 1, "the import creates the one schedule")
    imported = get_schedule.sync(client=client, id=done.created[0]) if isinstance(done, ImportReport) else None
    expect(
        isinstance(imported, Schedule) and imported.name == "Nightly from the client" and imported.tags == ["imported"],
        "named by its comment, tagged imported",
    )


if __name__ == "__main__":
    main(*sys.argv[1:4])
