"""Atomic output: a writer killed at any moment leaves the previous file or the complete new one.

Each kill test first makes a complete "previous" file (the writer run to the end
on a smaller input) and the expected "new" file (the writer run to the end on
the real input), runs the writer to the end as a process to measure its runtime,
then starts it again and again as a separate process (``python -m checker``) and
sends it SIGKILL at a random moment. Delays come from a seeded RNG, uniform from
0 to the measured runtime, so kills land in every phase: start-up, reading,
checking, rendering and writing. The write of a ``check``/``baseline`` report
lasts only milliseconds of a run of a second or two, so one kill in five (one in
ten for the store) instead waits until the writer's temporary file appears
beside the target and kills it a random fraction of the measured write window
later: those kills land in the write itself (the temporary files they leave show
it). After each kill the target must be byte-identical to the previous file or
to the new one.

Kills per writer: 50 for ``check -o`` JSON and for ``audit --db -o`` (the store
and its report); 10 each for ``check -o`` HTML, ``baseline create -o`` and
``audit -o`` HTML without a store, which share the same atomic writer
(:mod:`checker.output`), to keep the file near a minute and a half on two cores.

Two lanes (two targets in two directories) run side by side to use two cores.
The temporary files that kills leave behind are kept, and a last run to the end
must still write the new file: leftovers do not confuse a later run.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from checker.audit.store import Store
from checker.errors import OutputError
from checker.output import atomic_file, atomic_path

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")

LANES = 2
AIM_EVERY = 5  # by default one kill in five aims at the write itself


# -- inputs --------------------------------------------------------------------------------

_SYLLABLES = ("bar", "cor", "win", "tal", "mer", "vos", "dun", "kel", "ash", "rin", "pol", "gat", "ter", "lim")


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize()


def corpus(events: int, seed: int = 1) -> str:
    """JSON Lines: four outlets report each event; every article contradicts itself (check findings)."""
    rng = random.Random(seed)
    lines = []
    for e in range(events):
        town, chief, suspect, place = _name(rng), f"{_name(rng)} {_name(rng)}", f"{_name(rng)} {_name(rng)}", _name(rng)
        killed = 3 + e % 5
        for s in range(4):
            body = (f"{killed} people were killed and {e % 4 + 2} injured in a fire at the {place} depot in {town}, "
                    f"police said.\n\nFire Chief {chief} said {e + 10} homes were destroyed. {suspect} was arrested "
                    f"in {town}.\n\nLater, officials said {killed + 1 + s} people were killed and {e + 12} homes "
                    "were destroyed.")
            lines.append(json.dumps({
                "id": f"o{s}-{e}", "source": f"outlet{s}.example",
                "published": f"2026-{e // 28 + 1:02d}-{e % 28 + 1:02d}T{9 + s:02d}:00:00Z",
                "url": f"https://outlet{s}.example/{e}", "title": f"Fire in {town}", "body": body}))
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("inputs")
    small, medium, large = root / "small.jsonl", root / "medium.jsonl", root / "large.jsonl"
    small.write_text(corpus(4, seed=2), encoding="utf-8")
    medium.write_text(corpus(24), encoding="utf-8")  # audits: 96 articles, a second or so of work
    large.write_text(corpus(40), encoding="utf-8")  # check: 160 articles, 200 findings, a 0.5 MB report
    return {"small": small, "medium": medium, "large": large}


# -- the kill harness -------------------------------------------------------------------------

COMMAND = [sys.executable, "-m", "checker"]
STATS: dict[str, str] = {}  # what each kill test saw, for a person reading `pytest -s` or a failure


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMCHECK_")}
    # audit's temporary store goes here, so what a kill leaves of it stays in the test's directory.
    env["TMPDIR"] = str(tmp)
    return env


def _temporaries(directory: Path, target: Path) -> set[str]:
    return {n for n in os.listdir(directory) if n.startswith(f".{target.name}.")}


@dataclass
class Lane:
    """One directory with its own target; the trials of a lane run one after another."""

    directory: Path
    target: Path
    env: dict[str, str]
    outcomes: Counter = field(default_factory=Counter)
    left: int = 0  # temporary files the kills left behind
    store: Path | None = None  # audit --db

    def fill(self, text: str) -> str:
        return text.format(target=self.target, lane=self.directory)


def _lanes(tmp_path: Path, target_name: str) -> list[Lane]:
    lanes = []
    for k in range(LANES):
        directory = tmp_path / f"lane{k}"
        (directory / "tmp").mkdir(parents=True)
        lanes.append(Lane(directory, directory / target_name, _env(directory / "tmp")))
    return lanes


def _in_process(args: list[str], lane: Lane) -> None:
    """The writer run to the end in this process (no start-up cost): for the previous and reference files."""
    from checker.cli import main

    assert main([lane.fill(a) for a in args]) in (0, 1)


def _run_to_end(args: list[str], lane: Lane) -> tuple[float, float | None]:
    """The writer as a process, to the end; (runtime, how long its temporary file was seen, or None)."""
    before = _temporaries(lane.directory, lane.target)
    started = time.perf_counter()
    proc = subprocess.Popen([*COMMAND, *map(lane.fill, args)], env=lane.env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    seen = gone = None
    while proc.poll() is None:
        now = time.perf_counter()
        temporary = bool(_temporaries(lane.directory, lane.target) - before)
        if temporary and seen is None:
            seen = now
        elif not temporary and seen is not None and gone is None:
            gone = now
        time.sleep(0.0005)
    runtime = time.perf_counter() - started
    stderr = proc.stderr.read().decode()
    proc.stderr.close()
    assert proc.returncode in (0, 1), stderr
    return runtime, (gone - seen) if seen is not None and gone is not None else None


def _kill_trial(args: list[str], lane: Lane, rng: random.Random, runtime: float, window: float,
                aim_at_write: bool) -> None:
    before = _temporaries(lane.directory, lane.target)
    proc = subprocess.Popen([*COMMAND, *map(lane.fill, args)], env=lane.env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        if aim_at_write:
            deadline = time.perf_counter() + 4 * runtime + 5
            while (proc.poll() is None and not (_temporaries(lane.directory, lane.target) - before)
                   and time.perf_counter() < deadline):
                time.sleep(0.0002)
            time.sleep(rng.uniform(0, window))
        else:
            time.sleep(rng.uniform(0, runtime))
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    lane.left += len(_temporaries(lane.directory, lane.target) - before)


def kill_many(args: list[str], lanes: list[Lane], kills: int, seed: str, *, check, aim_every: int = AIM_EVERY
              ) -> dict:
    """Run the writer to the end in every lane (its runtime), then kill it ``kills`` times; ``check(lane)``
    after each kill. What the kills did, with the runtime."""
    started = time.perf_counter()
    with ThreadPoolExecutor(len(lanes)) as pool:
        measured = list(pool.map(lambda lane: _run_to_end(args, lane), lanes))
    runtime = sum(r for r, _ in measured) / len(measured)
    windows = sorted(w for _, w in measured if w is not None)
    window = windows[len(windows) // 2] if windows else 0.002
    for lane in lanes:
        check(lane, reference=True)

    def lane_trials(k: int) -> None:
        lane = lanes[k]
        for trial in range(k, kills, len(lanes)):
            rng = random.Random(f"{seed}-{trial}")
            _kill_trial(args, lane, rng, runtime, window, trial % aim_every == aim_every - 1)
            check(lane)

    with ThreadPoolExecutor(len(lanes)) as pool:
        list(pool.map(lane_trials, range(len(lanes))))
    outcomes = sum((lane.outcomes for lane in lanes), Counter())
    stats = {"kills": kills, "aimed at the write": len(range(aim_every - 1, kills, aim_every)),
             "temporary files left": sum(lane.left for lane in lanes),
             "writer runtime s": round(runtime, 2), "write window ms": round(window * 1000, 1),
             "seconds": round(time.perf_counter() - started, 1), **outcomes}
    STATS[seed] = str(stats)
    print(seed, stats)
    return stats


def _file_check(previous: bytes, new: bytes):
    def check(lane: Lane, reference: bool = False) -> None:
        assert lane.target.exists(), "a kill left no file at all"
        got = lane.target.read_bytes()
        if reference:
            assert got == new, "the writer run to the end did not write the expected new file"
        elif got == previous:
            lane.outcomes["previous"] += 1
        else:
            assert got == new, (f"a kill left a partial or different file ({len(got)} bytes; previous "
                                f"{len(previous)}, new {len(new)})")
            lane.outcomes["new"] += 1
        lane.target.write_bytes(previous)  # every trial starts from the previous file
    return check


def _prepare(lanes: list[Lane], args_for, small: Path, large: Path) -> tuple[bytes, bytes]:
    """The previous file (``small`` written to the end) and the expected new bytes (``large``)."""
    _in_process(args_for(small), lanes[0])
    previous = lanes[0].target.read_bytes()
    _in_process(args_for(large), lanes[0])
    new = lanes[0].target.read_bytes()
    assert previous and new and previous != new
    for lane in lanes:
        lane.target.write_bytes(previous)
    return previous, new


def _finish_with_leftovers(args: list[str], lanes: list[Lane], new: bytes) -> None:
    """With the temporary files the kills left beside the target, a later run writes the new file."""
    for lane in lanes:
        leftovers = _temporaries(lane.directory, lane.target)
        _in_process(args, lane)
        assert lane.target.read_bytes() == new
        assert _temporaries(lane.directory, lane.target) == leftovers, "a run removed or added a temporary file"


# -- check -o, baseline -o ------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "kills"), [("json", 50), ("html", 10)])
def test_killed_check_leaves_the_previous_or_the_complete_new_report(tmp_path, inputs, fmt, kills):
    def args_for(corpus_path: Path) -> list[str]:
        return ["check", "--isolated", "--format", fmt, "--exit-zero", str(corpus_path), "-o", "{target}"]

    lanes = _lanes(tmp_path, f"report.{fmt}")
    previous, new = _prepare(lanes, args_for, inputs["small"], inputs["large"])
    stats = kill_many(args_for(inputs["large"]), lanes, kills, f"check-{fmt}", check=_file_check(previous, new))
    assert stats.get("previous", 0) + stats.get("new", 0) == kills
    if stats["aimed at the write"] >= 10:
        # The kills aimed at the write landed in it: some left the writer's temporary file behind.
        assert stats["temporary files left"] >= 1, stats
    _finish_with_leftovers(args_for(inputs["large"]), lanes, new)


def test_killed_baseline_create_leaves_the_previous_or_the_complete_new_baseline(tmp_path, inputs):
    def args_for(corpus_path: Path) -> list[str]:
        return ["baseline", "create", "--isolated", str(corpus_path), "-o", "{target}"]

    lanes = _lanes(tmp_path, "baseline.json")
    previous, new = _prepare(lanes, args_for, inputs["small"], inputs["large"])
    kills = 10
    stats = kill_many(args_for(inputs["large"]), lanes, kills, "baseline", check=_file_check(previous, new))
    assert stats.get("previous", 0) + stats.get("new", 0) == kills
    _finish_with_leftovers(args_for(inputs["large"]), lanes, new)


# -- audit -o (temporary store) -----------------------------------------------------------------


def test_killed_audit_without_a_store_leaves_the_previous_or_the_complete_new_report(tmp_path, inputs):
    def args_for(corpus_path: Path) -> list[str]:
        return ["audit", "--isolated", str(corpus_path), "-o", "{target}"]

    lanes = _lanes(tmp_path, "audit.html")
    previous, new = _prepare(lanes, args_for, inputs["small"], inputs["medium"])
    kills = 10
    stats = kill_many(args_for(inputs["medium"]), lanes, kills, "audit-html", check=_file_check(previous, new))
    assert stats.get("previous", 0) + stats.get("new", 0) == kills
    _finish_with_leftovers(args_for(inputs["medium"]), lanes, new)
    # What SIGKILL leaves of the temporary store stays in TMPDIR, as claimcheck-audit-* directories.
    for lane in lanes:
        assert all(p.name.startswith("claimcheck-audit-") for p in (lane.directory / "tmp").iterdir())


# -- audit --db -o: the store and the report -------------------------------------------------------------


def _runs(db: Path) -> list[tuple]:
    with closing(sqlite3.connect(db)) as con:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return con.execute("SELECT id, status, finished, articles FROM runs ORDER BY id").fetchall()


def _run_content(db: Path, run_id: int) -> dict:
    """What a run holds, without ids and times: its articles, events and scores."""
    with closing(sqlite3.connect(db)) as con:
        articles = [d for (d,) in con.execute(
            "SELECT d.content_hash FROM run_articles r JOIN digests d ON d.id = r.digest_id WHERE r.run_id = ? "
            "ORDER BY r.position", (run_id,))]
        hashes = dict(con.execute("SELECT id, content_hash FROM digests"))
        events = [(first, size, [hashes[m] for m in json.loads(members)]) for first, size, members in con.execute(
            "SELECT first, size, members FROM run_events WHERE run_id = ? ORDER BY first", (run_id,))]
        scores = [s[1:] for s in con.execute("SELECT * FROM scores WHERE run_id = ? ORDER BY source", (run_id,))]
        counts = con.execute("SELECT articles, extracted + reused, events FROM runs WHERE id = ?",
                             (run_id,)).fetchone()
    return {"articles": articles, "events": events, "scores": scores, "counts": counts}


def _remove_store(db: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def test_killed_audit_leaves_a_whole_store_and_the_previous_or_the_complete_new_report(tmp_path, inputs):
    """audit --db STORE -o REPORT killed 50 times: the store opens and passes integrity_check, the finished run
    is intact, the killed run is absent or marked running (no scores, out of the score history), the report is
    the previous or the new one, and a later audit into a killed store gives the report of a run never killed."""
    small, large = inputs["small"], inputs["medium"]
    lanes = _lanes(tmp_path, "audit.json")
    for lane in lanes:
        lane.store = lane.directory / "store.sqlite"

    def args_for(corpus_path: Path) -> list[str]:
        return ["audit", "--isolated", str(corpus_path), "--db", "{lane}/store.sqlite", "-o", "{target}"]

    first = lanes[0]
    # The previous state: a store with one finished run of the small corpus, and that run's report.
    _in_process(args_for(small), first)
    previous = first.target.read_bytes()
    saved = tmp_path / "previous.sqlite"
    shutil.copyfile(first.store, saved)
    assert not Path(f"{first.store}-wal").exists()  # closed cleanly: the whole store is in one file
    # The new report: the large corpus run to the end into that store (run 1 is its one earlier run).
    _in_process(args_for(large), first)
    new = first.target.read_bytes()
    assert b'"earlier_runs": [\n' in new
    _remove_store(first.store)
    shutil.copyfile(saved, first.store)
    previous_run = _run_content(saved, 1)
    new_run: dict = {}
    killed_stores: list[tuple[int, int, Path]] = []
    file_check = _file_check(previous, new)

    def reset(lane: Lane) -> None:
        _remove_store(lane.store)
        shutil.copyfile(saved, lane.store)

    def check(lane: Lane, reference: bool = False) -> None:
        report_new = lane.target.read_bytes() == new
        file_check(lane, reference)
        runs = _runs(lane.store)
        assert runs[0][:2] == (1, "finished") and _run_content(lane.store, 1) == previous_run
        if reference:
            assert [r[:2] for r in runs] == [(1, "finished"), (2, "finished")]
            new_run.update(_run_content(lane.store, 2))  # the same corpus into a store with a finished run
        elif len(runs) == 1:
            lane.outcomes["run absent"] += 1
            assert not report_new
        else:
            assert len(runs) == 2
            run_id, status, finished, _ = runs[1]
            if status == "finished":
                assert finished and _run_content(lane.store, run_id) == new_run
                lane.outcomes["run finished"] += 1
            else:
                assert status == "running" and finished is None, runs
                assert _run_content(lane.store, run_id)["scores"] == []
                assert not report_new, "the new report was written for a run the store does not have as finished"
                lane.outcomes["run unfinished"] += 1
                kept = tmp_path / f"killed-{lane.directory.name}-{len(killed_stores)}.sqlite"
                shutil.copyfile(lane.store, kept)  # the kill test's process is dead: the copy is the whole store
                for suffix in ("-wal", "-shm"):
                    if Path(f"{lane.store}{suffix}").exists():
                        shutil.copyfile(f"{lane.store}{suffix}", f"{kept}{suffix}")
                with closing(sqlite3.connect(lane.store)) as con:
                    digests = con.execute("SELECT COUNT(*) FROM digests").fetchone()[0]
                    events = con.execute("SELECT COUNT(*) FROM run_events").fetchone()[0]
                killed_stores.append((digests, events, kept))
            with Store(lane.store) as store:
                finished_ids = [r[0] for r in runs if r[1] == "finished"]
                assert [h[0] for h in store.score_history("outlet0.example")] == finished_ids
        reset(lane)

    for lane in lanes:
        reset(lane)
    kills = 50
    # The store is written from the start to the end of a run: most kills are uniform over the run, one in ten
    # aims at the report's write.
    stats = kill_many(args_for(large), lanes, kills, "audit-db", check=check, aim_every=10)
    assert stats.get("previous", 0) + stats.get("new", 0) == kills
    assert stats.get("run unfinished", 0) >= 1, stats

    # A later audit into a killed store gives the report of a run never killed (the killed run is no earlier run),
    # and its run is finished and whole: into the store killed furthest into its work, and into the one killed
    # earliest.
    killed_stores.sort()
    for *_, kept in {killed_stores[0], killed_stores[-1]}:
        _remove_store(first.store)
        for suffix in ("", "-wal", "-shm"):
            if Path(f"{kept}{suffix}").exists():
                shutil.copyfile(f"{kept}{suffix}", f"{first.store}{suffix}")
        _in_process(args_for(large), first)
        assert first.target.read_bytes() == new
        runs = _runs(first.store)
        assert [r[1] for r in runs] == ["finished", "running", "finished"]
        assert _run_content(first.store, 3) == new_run


# -- failures inside the writer ---------------------------------------------------------------------


class Boom(Exception):
    pass


@pytest.mark.parametrize("failure", [Boom, KeyboardInterrupt])
def test_a_writer_failing_midway_leaves_the_previous_file_and_no_temporary_file(tmp_path, failure):
    target = tmp_path / "report.json"
    target.write_text("previous\n", encoding="utf-8")
    with pytest.raises(failure), atomic_file(str(target)) as out:
        out.write("part of a new report" * 10_000)
        out.flush()
        raise failure()
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert os.listdir(tmp_path) == ["report.json"]
    with pytest.raises(failure), atomic_path(str(target)) as tmp:
        tmp.write_text("part", encoding="utf-8")
        raise failure()
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert os.listdir(tmp_path) == ["report.json"]


def test_a_failing_rename_leaves_the_previous_file_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("previous\n", encoding="utf-8")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OutputError, match="cannot be written .No space left on device"), \
            atomic_file(str(target)) as out:
        out.write("new\n")
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert os.listdir(tmp_path) == ["report.json"]


def test_a_replaced_file_keeps_its_permissions_and_a_link_keeps_pointing_at_it(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("previous\n", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with atomic_file(str(link)) as out:
        out.write("new\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new\n"
    assert real.stat().st_mode & 0o777 == 0o600
    assert sorted(os.listdir(tmp_path)) == ["link.json", "real.json"]


def test_an_audit_failing_midway_leaves_a_store_a_later_audit_completes(tmp_path, rules, monkeypatch):
    """An exception after the first batch: the committed batch stays, the run stays 'running' and out of the
    score history, and a later audit reuses the batch and reports as a fresh store does."""
    from checker.reports.audit import audit_record, render_json

    from checker.audit.engines import LocalEngine
    from checker.audit.run import audit
    from checker.ingest.stream import iter_documents

    path = tmp_path / "wires.jsonl"
    path.write_text(corpus(12), encoding="utf-8")
    with Store(tmp_path / "fresh.sqlite") as store:
        expected = render_json(audit_record(audit(iter_documents([str(path)]), rules, store, inputs=[str(path)])))

    class Failing(LocalEngine):
        batch_size = 10
        calls = 0

        def digest_documents(self, docs, rules):
            Failing.calls += 1
            if Failing.calls == 3:
                raise Boom("worker lost")
            return super().digest_documents(docs, rules)

    db = tmp_path / "store.sqlite"
    with Store(db) as store, pytest.raises(Boom):
        audit(iter_documents([str(path)]), rules, store, inputs=[str(path)], engine=Failing())
    assert _runs(db) == [(1, "running", None, None)]
    with closing(sqlite3.connect(db)) as con:
        assert con.execute("SELECT COUNT(*) FROM digests").fetchone() == (20,)
    with Store(db) as store:
        assert store.score_history("outlet0.example") == []
        result = audit(iter_documents([str(path)]), rules, store, inputs=[str(path)])
        assert (result.extracted, result.reused) == (28, 20)
        assert render_json(audit_record(result)) == expected
        assert [h[0] for h in store.score_history("outlet0.example")] == [2]


def test_temporary_files_left_beside_articles_are_not_read_as_articles(tmp_path):
    """A report written into the folder it checks: a temporary file a kill left there is not an article."""
    from checker.cli import main

    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.md").write_text("Three people were killed in the fire.\n", encoding="utf-8")
    (folder / ".report.md.x1y2z3ab").write_text("Three people were killed.\n\nFour people were killed.\n",
                                                 encoding="utf-8")
    out = tmp_path / "report.json"
    assert main(["check", "--isolated", "--format", "json", str(folder), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    record = json.loads(text)
    assert record["summary"]["articles"] == 1 and record["discrepancies"] == []
    assert ".report.md" not in text
