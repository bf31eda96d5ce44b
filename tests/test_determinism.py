"""Determinism (issue 9): byte-identical reports across PYTHONHASHSEED values, job counts and engines.

The installed console script is run in separate processes, as CI runs it, each
with its own ``PYTHONHASHSEED`` (``random`` is a new seed every run), on the
hand-written fixture articles under tests/fixtures: findings within one article
(a caption against a headline, two body paragraphs) and across articles (two
outlets' tolls of one event). Every run writes its report to its own file, so
the output path cannot leak into the bytes either.

``check`` runs with ``--jobs 1``, ``--jobs 2`` and ``--jobs 0`` (one process per
CPU); ``audit`` on the local engine and on a Dask cluster of one and of two
workers. The runs of one test go two at a time to keep the file quick.
"""

from __future__ import annotations

import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from checker import pipeline
from checker.cli import main
from checker.pipeline import analyse_documents, read_documents, worker_count

REPO = Path(__file__).resolve().parent.parent
# Relative to REPO, the runs' working directory: the reports name these paths.
CHECK_INPUTS = ("tests/fixtures/ci", "tests/fixtures/packaging")
AUDIT_INPUTS = (*CHECK_INPUTS, "examples/audit/wires.jsonl")

# (PYTHONHASHSEED, --jobs) of each check run; the first is the one the others are compared with.
# Every seed and every job count is compared with the first run, and --jobs 1 with 2 under one seed.
CHECK_RUNS = (("0", "1"), ("0", "2"), ("1", "1"), ("4242", "0"), ("random", "2"))
# (PYTHONHASHSEED, audit options) of each audit run, likewise. A Dask run takes seconds to start its
# cluster, so each engine runs once per format, under a seed of its own.
AUDIT_RUNS = (("0", ()), ("random", ()),
              ("1", ("--engine", "dask", "--jobs", "1")), ("4242", ("--engine", "dask", "--jobs", "2")))


def _run(script: str, seed: str, args: list[str]) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("CLAIMCHECK_") and k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(CI="true", PYTHONHASHSEED=seed)
    return subprocess.run([script, *args], capture_output=True, env=env, cwd=REPO, timeout=300, check=False)


def _outputs(script: str, runs: list[tuple[str, list[str], Path]]) -> list[tuple[bytes, subprocess.CompletedProcess]]:
    """Each run's report bytes and process, in the order given."""
    with ThreadPoolExecutor(2) as pool:
        done = list(pool.map(lambda run: _run(script, run[0], run[1]), runs))
    return [(out.read_bytes() if out.exists() else b"", proc) for (_, _, out), proc in zip(runs, done)]


def _label(seed: str, options: tuple[str, ...] | list[str]) -> str:
    return f"PYTHONHASHSEED={seed} {' '.join(options)}".strip()


@pytest.mark.parametrize("fmt", ["json", "sarif", "html"])
def test_check_report_is_byte_identical_across_hash_seeds_and_jobs(script, tmp_path, fmt):
    runs = [(seed, ["check", *CHECK_INPUTS, "--format", fmt, "--fail-on", "never", "--jobs", jobs,
                    "-o", str(tmp_path / f"{seed}-{jobs}.{fmt}")], tmp_path / f"{seed}-{jobs}.{fmt}")
            for seed, jobs in CHECK_RUNS]
    results = _outputs(script, runs)
    (first, first_proc), *others = results
    assert first_proc.returncode == 0, first_proc.stderr.decode()
    assert first, "the report is empty"
    if fmt == "json":
        scopes = {d["scope"] for d in json.loads(first)["discrepancies"]}
        assert {"within", "across"} <= scopes, f"the fixtures should give findings within and across: {scopes}"
    for (seed, jobs), (report, proc) in zip(CHECK_RUNS[1:], others):
        label = _label(seed, ["--jobs", jobs])
        assert proc.returncode == first_proc.returncode, f"{label}: {proc.stderr.decode()}"
        assert report == first, f"{label}: the {fmt} report differs from PYTHONHASHSEED=0 --jobs 1"
        assert proc.stderr == first_proc.stderr, f"{label}: the warnings on stderr differ"


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_audit_report_is_byte_identical_across_hash_seeds_and_engines(script, tmp_path, fmt):
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    runs = [(seed, ["audit", *AUDIT_INPUTS, "--format", fmt, *options, "-o", str(tmp_path / f"{n}.{fmt}")],
             tmp_path / f"{n}.{fmt}")
            for n, (seed, options) in enumerate(AUDIT_RUNS)]
    (first, first_proc), *others = _outputs(script, runs)
    assert first_proc.returncode == 0, first_proc.stderr.decode()
    if fmt == "json":
        summary = json.loads(first)["summary"]
        assert summary["events_with_several_articles"] >= 2 and summary["disagreements"] >= 1, summary
    for (seed, options), (report, proc) in zip(AUDIT_RUNS[1:], others):
        label = _label(seed, options)
        assert proc.returncode == 0, f"{label}: {proc.stderr.decode()}"
        assert report == first, f"{label}: the {fmt} audit differs from PYTHONHASHSEED=0 on the local engine"


# -- --jobs in the pipeline ----------------------------------------------------------------


def _fixture_documents():
    docs, problems = read_documents([str(REPO / p) for p in CHECK_INPUTS])
    assert not problems and len(docs) > 4
    return docs


def test_a_pool_gives_the_same_articles_and_claims_in_the_same_order(rules):
    docs = _fixture_documents()
    one = analyse_documents(docs, rules, jobs=1)
    seen: list[str] = []

    def wrap(items):
        for doc in items:
            seen.append(doc.id)
            yield doc

    two = analyse_documents(docs, rules, jobs=2, wrap=wrap)
    assert two == one
    assert [a.id for a, _ in two] == [d.id for d in docs]
    assert seen == [d.id for d in docs], "the progress hook sees every document once, in order"


def test_one_document_or_one_job_starts_no_pool(rules, monkeypatch):
    def no_pool(*args, **kwargs):
        raise AssertionError("a process pool was started")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", no_pool)
    docs = _fixture_documents()
    assert analyse_documents(docs[:1], rules, jobs=4) == analyse_documents(docs[:1], rules)
    assert analyse_documents(docs[:3], rules, jobs=1)
    assert worker_count(8, 1) == 1 and worker_count(8, 0) == 1
    assert worker_count(0, 100) == pipeline.cpu_count()
    assert worker_count(3, 2) == 2


def test_jobs_must_be_a_whole_number_not_below_0(capsys):
    for bad in ("-1", "two"):
        with pytest.raises(SystemExit) as stop:
            main(["check", "--jobs", bad, str(REPO / CHECK_INPUTS[0])])
        assert stop.value.code == 2
        assert "--jobs" in capsys.readouterr().err
