"""The corpus audit: events, consensus, outlet scores, the store, engines and the command."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from checker.audit import cluster
from checker.audit.consensus import measure_view
from checker.audit.digest import ArticleDigest, ReportedFigure, day_number, event_words
from checker.audit.run import audit
from checker.audit.scores import quarter, url_key, wilson
from checker.audit.store import Store, StoreError
from checker.cli import main
from checker.ingest.stream import iter_documents
from checker.rulepack import load_rules

WIRES = Path(__file__).resolve().parent.parent / "examples" / "audit" / "wires.jsonl"


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def _audit_json(tmp_path: Path, *args: str, corpus: Path = WIRES) -> dict:
    out = tmp_path / "audit.json"
    assert main(["audit", str(corpus), "-o", str(out), *args]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _measure(record: dict, article: str, measure: str) -> dict:
    event = next(e for e in record["events"] if article in e["articles"])
    return next(m for m in event["measures"] if m["measure"] == measure)


# -- events --------------------------------------------------------------------------------


def test_articles_about_one_event_are_grouped_and_others_are_not(tmp_path):
    record = _audit_json(tmp_path)
    groups = sorted(sorted(e["articles"]) for e in record["events"])
    assert groups == [["courier-1", "metro-1", "valley-1", "valley-2"], ["courier-2", "metro-2", "valley-3"],
                      ["metro-3"]]


def test_event_ids_are_stable_hashes_of_their_articles(tmp_path):
    first = _audit_json(tmp_path)
    again = _audit_json(tmp_path)
    assert [e["id"] for e in first["events"]] == [e["id"] for e in again["events"]]
    assert all(e["id"].startswith("ev-") for e in first["events"])


def test_calendar_words_are_no_event_terms():
    terms, _ = event_words("On Tuesday in March, Mayor Jane Doe spoke.", frozenset({"tuesday", "march"}))
    assert "tuesday" not in terms and "march" not in terms
    assert {"mayor jane", "jane doe", "doe"} <= set(terms)


def test_pairs_need_two_shared_terms_and_to_be_close_in_time():
    near = [cluster.Weighted(0, 100, {"a": 2.0, "b": 2.0}), cluster.Weighted(1, 101, {"a": 2.0, "b": 2.0})]
    assert [(i, j) for i, j, _ in cluster.pair_scores(near)] == [(0, 1)]
    one_term = [cluster.Weighted(0, 100, {"a": 2.0, "x": 2.0}), cluster.Weighted(1, 101, {"a": 2.0, "y": 2.0})]
    assert list(cluster.pair_scores(one_term)) == []
    far = [cluster.Weighted(0, 100, {"a": 2.0, "b": 2.0}),
           cluster.Weighted(1, 100 + cluster.MAX_GAP_DAYS + 1, {"a": 2.0, "b": 2.0})]
    assert list(cluster.pair_scores(far)) == []
    undated = [cluster.Weighted(0, 100, {"a": 2.0, "b": 2.0}), cluster.Weighted(1, None, {"a": 2.0, "b": 2.0})]
    assert list(cluster.pair_scores(undated)) == []


def test_a_follow_up_months_later_must_share_two_full_names():
    gap = cluster.FOLLOW_UP_DAYS + 30
    shooting = {"nelven salas": 3.0, "salas": 2.0, "pine hills": 3.0, "jo dunn": 3.0}
    trial = cluster.Weighted(1, 100 + gap, {"nelven salas": 3.0, "salas": 2.0, "jo dunn": 3.0})
    assert [(i, j) for i, j, _ in cluster.pair_scores([cluster.Weighted(0, 100, shooting), trial])] == [(0, 1)]
    # The same district and one name months later is another story from the same streets.
    district = cluster.Weighted(1, 100 + gap, {"pine hills": 3.0, "salas": 2.0, "brook street": 3.0})
    assert list(cluster.pair_scores([cluster.Weighted(0, 100, shooting | {"brook street": 3.0}), district])) == []
    # Within FOLLOW_UP_DAYS the place names are enough.
    soon = cluster.Weighted(1, 100 + cluster.FOLLOW_UP_DAYS, district.weights)
    assert [(i, j) for i, j, _ in cluster.pair_scores([cluster.Weighted(0, 100, shooting | {"brook street": 3.0}),
                                                       soon])] == [(0, 1)]
    assert cluster.is_full_name("nelven salas") and not cluster.is_full_name("brook street")
    assert not cluster.is_full_name("salas")


def test_one_very_rare_shared_term_pairs_articles_a_day_apart_only():
    # Weight 3.0 for the rare term: its product 9.0 reaches a floor of 8.0; "a" (2.0 -> 4.0) does not.
    rare = [cluster.Weighted(0, 100, {"burkett": 3.0, "x": 2.0}), cluster.Weighted(1, 101, {"burkett": 3.0, "y": 2.0})]
    assert [(i, j) for i, j, _ in cluster.pair_scores(rare, one_term_floor=8.0)] == [(0, 1)]
    assert list(cluster.pair_scores(rare)) == [], "without a floor one term is never enough"
    common = [cluster.Weighted(0, 100, {"a": 2.0, "x": 2.0}), cluster.Weighted(1, 101, {"a": 2.0, "y": 2.0})]
    assert list(cluster.pair_scores(common, one_term_floor=8.0)) == []
    later = [cluster.Weighted(0, 100, {"burkett": 3.0}), cluster.Weighted(1, 102, {"burkett": 3.0})]
    assert list(cluster.pair_scores(later, one_term_floor=8.0)) == [], "two days apart needs two terms"
    undated = [cluster.Weighted(0, None, {"burkett": 3.0}), cluster.Weighted(1, None, {"burkett": 3.0})]
    assert list(cluster.pair_scores(undated, one_term_floor=8.0)) == []


def test_a_name_and_a_street_word_is_a_name_term():
    stats = cluster.CorpusStats()
    for k in range(40):
        stats.add("outlet", ["street", "brook", "brook street"] if k < 2 else ["street"], ["street", "the"])
    weights = stats.weigher().weights("other", ["brook", "brook street", "street"])
    assert set(weights) == {"brook", "brook street"}, "'street' alone is an ordinary word"


def test_average_linkage_does_not_chain_two_groups_through_one_link():
    # 0-1-2 tightly linked, 3-4-5 tightly linked, one weak-ish link 2-3.
    edges = {(0, 1): 0.9, (0, 2): 0.9, (1, 2): 0.9, (3, 4): 0.9, (3, 5): 0.9, (4, 5): 0.9, (2, 3): 0.4}
    assert cluster.average_linkage(edges, 0.15) == [[0, 1, 2], [3, 4, 5]]
    # ...while the same link alone joins two articles.
    assert cluster.average_linkage({(2, 3): 0.4}, 0.15) == [[2, 3]]


def test_page_furniture_and_ordinary_words_do_not_weigh():
    stats = cluster.CorpusStats()
    for k in range(8):
        stats.add("site.example", ["privacy policy", "privacy", "policy", f"name{k}"], ["privacy"] * (k % 2))
    stats.add("other.example", ["name1", "privacy"], ["privacy"])
    weights = stats.weigher().weights("site.example", ["privacy policy", "name1"])
    assert "privacy policy" not in weights  # in every article of the outlet
    assert "name1" in weights


# -- consensus -----------------------------------------------------------------------------


def _digest(ident: str, source: str, published: str, figures=(), attribution=None, url=None) -> ArticleDigest:
    figs = tuple(ReportedFigure(measure=m, value=v, low=v, high=v, qualifier="exact", text=str(v), segment="body",
                                attribution=attribution, sentence=f"{v} {m}", path="c.jsonl", line=1, column=1)
                 for m, v in figures)
    return ArticleDigest(id=ident, path="c.jsonl", content_hash=ident, source=source, published=published,
                         day=day_number(published), url=url, title="", terms=(), lower_words=(), figures=figs,
                         stale=(), claims=len(figs), findings=())


def _view(*digests: ArticleDigest):
    return measure_view("killed", [(d, f) for d in digests for f in d.figures])


def _statuses(view) -> dict[str, str]:
    return {r.article: r.status for r in view.reports}


def test_the_consensus_is_what_most_outlets_end_on():
    view = _view(_digest("a", "A", "2026-01-02", [("killed", 3)]), _digest("b", "B", "2026-01-02", [("killed", 3)]),
                 _digest("c", "C", "2026-01-03", [("killed", 4)]))
    assert (view.consensus.value, view.consensus.basis) == (3, "majority")
    assert _statuses(view) == {"a": "agrees", "b": "agrees", "c": "disagrees"}


def test_a_toll_that_rises_is_an_update_not_a_disagreement():
    view = _view(_digest("a1", "A", "2026-01-01", [("killed", 2)]), _digest("a2", "A", "2026-01-02", [("killed", 3)]),
                 _digest("b", "B", "2026-01-02", [("killed", 3)]))
    assert _statuses(view) == {"a1": "update", "a2": "agrees", "b": "agrees"}


def test_a_lower_figure_after_the_consensus_is_a_disagreement():
    view = _view(_digest("a", "A", "2026-01-01", [("killed", 3)]), _digest("b", "B", "2026-01-01", [("killed", 3)]),
                 _digest("c", "C", "2026-01-04", [("killed", 2)]))
    assert _statuses(view)["c"] == "disagrees"


def test_an_outlet_lowering_its_own_figure_is_flagged():
    view = _view(_digest("a1", "A", "2026-01-01", [("killed", 5)]), _digest("a2", "A", "2026-01-02", [("killed", 4)]),
                 _digest("b", "B", "2026-01-01", [("killed", 3)]), _digest("c", "C", "2026-01-01", [("killed", 3)]))
    assert _statuses(view)["a2"] == "lowered"


def test_a_newer_official_figure_supersedes_the_majority():
    view = _view(_digest("a", "A", "2026-01-01", [("killed", 4)]), _digest("b", "B", "2026-01-01", [("killed", 4)]),
                 _digest("c", "C", "2026-01-03", [("killed", 3)], attribution="the coroner"))
    assert (view.consensus.value, view.consensus.basis) == (3, "official")
    assert _statuses(view) == {"a": "superseded", "b": "superseded", "c": "agrees"}


def test_different_named_authorities_are_a_source_disagreement():
    view = _view(_digest("a", "A", "2026-01-01", [("killed", 3)], attribution="police"),
                 _digest("b", "B", "2026-01-01", [("killed", 3)], attribution="police"),
                 _digest("c", "C", "2026-01-01", [("killed", 5)], attribution="the hospital"))
    assert _statuses(view)["c"] == "source-disagreement"


def test_one_outlet_has_no_consensus_to_be_held_to():
    view = _view(_digest("a", "A", "2026-01-01", [("killed", 3)]), _digest("a2", "A", "2026-01-02", [("killed", 4)]))
    assert view.consensus.basis == "single"
    assert set(_statuses(view).values()) == {"single"}


# -- scores --------------------------------------------------------------------------------


def test_wilson_interval():
    assert wilson(0, 0) is None
    low, high = wilson(0, 10)
    assert low == 0.0 and high == pytest.approx(0.2775, abs=1e-4)
    low, high = wilson(5, 10)
    assert (low, high) == (pytest.approx(0.2366, abs=1e-4), pytest.approx(0.7634, abs=1e-4))


def test_url_key_makes_copies_of_a_page_one():
    assert url_key("http://web.archive.org/web/20140215012040/http://www.waff.com:80/story/1/?x=1") == \
        url_key("https://waff.com/story/1")


def test_outlet_scores_on_the_example_corpus(tmp_path):
    record = _audit_json(tmp_path)
    by_source = {s["source"]: s for s in record["sources"]}
    metro, courier, valley = (by_source[s] for s in ("metrowire.example", "statecourier.example",
                                                      "valleyherald.example"))
    assert metro["disagreements"] == 1  # four killed against three
    assert courier["stale"] == 1 and courier["disagreements"] == 0  # its headline says six hurt, its body five
    assert (valley["versions"], valley["corrections"], valley["median_correction_days"]) == (1, 1, 1)
    assert _measure(record, "valley-1", "killed")["consensus"]["value"] == 3


# -- store ---------------------------------------------------------------------------------


def test_a_second_run_reuses_every_unchanged_article(tmp_path, rules):
    db = tmp_path / "store.sqlite"
    with Store(db) as store:
        first = audit(iter_documents([str(WIRES)]), rules, store, inputs=[str(WIRES)])
    changed = tmp_path / "wires.jsonl"
    lines = WIRES.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("Four people were killed", "Five people were killed")
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Store(db) as store:
        again = audit(iter_documents([str(WIRES)]), rules, store, inputs=[str(WIRES)])
        edited = audit(iter_documents([str(changed)]), rules, store, inputs=[str(changed)])
    assert (first.extracted, first.reused) == (8, 0)
    assert (again.extracted, again.reused) == (0, 8)
    # The edited record changes its path too (another file), so its hash: all 8 are read again...
    assert edited.extracted + edited.reused == 8
    with sqlite3.connect(db) as con:
        runs = con.execute("SELECT status, extracted, reused FROM runs ORDER BY id").fetchall()
    assert runs[:2] == [("finished", 8, 0), ("finished", 0, 8)]


def test_a_killed_run_loses_nothing_it_stored(tmp_path, rules, monkeypatch):
    db = tmp_path / "store.sqlite"
    monkeypatch.setattr("checker.audit.engines.LocalEngine.batch_size", 3)

    def dies_after_six():
        for n, item in enumerate(iter_documents([str(WIRES)])):
            if n == 7:
                raise KeyboardInterrupt
            yield item

    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        audit(dies_after_six(), rules, store, inputs=[str(WIRES)])
    with Store(db) as store:
        again = audit(iter_documents([str(WIRES)]), rules, store, inputs=[str(WIRES)])
    assert (again.reused, again.extracted) == (6, 2)  # two full batches of three were committed


def test_a_file_that_is_no_store_is_a_clear_error(tmp_path):
    bad = tmp_path / "not.sqlite"
    bad.write_text("hello, this is not a database" * 100)
    with pytest.raises(StoreError, match="not a claimcheck audit store"):
        Store(bad)


def test_digests_round_trip_through_json(tmp_path, rules):
    with Store(tmp_path / "s.sqlite") as store:
        result = audit(iter_documents([str(WIRES)]), rules, store, inputs=[str(WIRES)])
        digests = list(result.digests())
    assert all(ArticleDigest.from_json(d.to_json()) == d for d in digests)


# -- the command ---------------------------------------------------------------------------


def test_audit_json_is_byte_identical_across_runs(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert main(["audit", str(WIRES), "-o", str(a)]) == 0
    assert main(["audit", str(WIRES), "-o", str(b), "--db", str(tmp_path / "s.sqlite")]) == 0
    assert a.read_bytes() == b.read_bytes()


def test_csv_formats(tmp_path):
    out = tmp_path / "outlets.csv"
    assert main(["audit", str(WIRES), "-o", str(out)]) == 0
    header, *rows = out.read_text(encoding="utf-8").splitlines()
    assert header.startswith("source,articles,checked,disagreements")
    assert len(rows) == 3
    figures = tmp_path / "figures.csv"
    assert main(["audit", str(WIRES), "-o", str(figures), "--format", "csv-figures"]) == 0
    assert "disagrees" in figures.read_text(encoding="utf-8")


def test_csv_cells_do_not_become_formulas(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "x", "source": "=HYPERLINK(\"http://evil\")", "body": "Two people died.",
                                  "published": "2026-01-01"}) + "\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    assert main(["audit", str(corpus), "-o", str(out)]) == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[1][0] == "'=HYPERLINK(\"http://evil\")"


def test_bad_options_are_clear_errors(tmp_path, capsys):
    assert main(["audit", str(WIRES), "-o", str(tmp_path / "x.pdf")]) == 2
    assert "--format" in capsys.readouterr().err
    assert main(["audit", str(WIRES), "--scheduler", "tcp://127.0.0.1:1"]) == 2
    assert "--engine dask" in capsys.readouterr().err


def test_bad_records_are_reported_and_the_rest_audited(tmp_path, capsys):
    corpus = tmp_path / "c.jsonl"
    good = WIRES.read_text(encoding="utf-8").splitlines()[0]
    corpus.write_text(good + "\n{not json\n" + good + "\n", encoding="utf-8")
    out = tmp_path / "o.json"
    assert main(["audit", str(corpus), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{corpus}:2: error: not valid JSON" in err
    assert f"{corpus}:3: error: duplicate article id" in err
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["articles"] == 1


def test_quarter_of_a_publication_date():
    assert quarter("2016-07-01") == "2016-Q3"
    assert quarter("2016-12-31T23:59:00Z") == "2016-Q4"
    assert quarter("2017-01-05") == "2017-Q1"
    for no_date in (None, "", "2016", "2016-13-01", "March 2016"):
        assert quarter(no_date) is None


def test_outlet_scores_by_quarter_and_across_the_stores_runs(tmp_path):
    fresh = _audit_json(tmp_path)
    metro = next(s for s in fresh["sources"] if s["source"] == "metrowire.example")
    # Every checked figure of the wire corpus is dated in March 2026 (the April article is the only report of its
    # event, so it is not checked): one quarter holding the whole total.
    assert metro["periods"] == [{"period": "2026-Q1", "checked": metro["checked"], "disagreements": 1,
                                 "disagreement_rate": metro["disagreement_rate"]}]
    assert all(s["earlier_runs"] == [] for s in fresh["sources"]), "a temporary store has no earlier runs"

    db, first, second = tmp_path / "s.sqlite", tmp_path / "1.json", tmp_path / "2.json"
    assert main(["audit", str(WIRES), "--db", str(db), "-o", str(first)]) == 0
    assert first.read_bytes() == (tmp_path / "audit.json").read_bytes(), "a new store gives a fresh audit's bytes"
    assert main(["audit", str(WIRES), "--db", str(db), "-o", str(second)]) == 0
    again = json.loads(second.read_text(encoding="utf-8"))
    metro_again = next(s for s in again["sources"] if s["source"] == "metrowire.example")
    [earlier] = metro_again["earlier_runs"]
    assert earlier["run"] == 1 and earlier["finished"]
    assert (earlier["checked"], earlier["disagreements"], earlier["disagreement_rate"]) == (
        metro["checked"], 1, metro["disagreement_rate"])
    page = tmp_path / "2.html"
    assert main(["audit", str(WIRES), "--db", str(db), "-o", str(page)]) == 0
    assert "runs 1, 2" in page.read_text(encoding="utf-8")


def test_export_writes_a_store_table_as_csv(tmp_path):
    db = tmp_path / "s.sqlite"
    assert main(["audit", str(WIRES), "--db", str(db), "-o", str(tmp_path / "a.json")]) == 0
    out = tmp_path / "figures.csv"
    assert main(["export", str(db), "--table", "figures", "-o", str(out)]) == 0
    header, *rows = out.read_text(encoding="utf-8").splitlines()
    assert header.startswith("digest_id,measure,value")
    assert len(rows) >= 8


def test_dask_engine_gives_the_same_bytes(tmp_path):
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    local = _audit_json(tmp_path)
    out = tmp_path / "dask.json"
    assert main(["audit", str(WIRES), "-o", str(out), "--engine", "dask", "--jobs", "2"]) == 0
    local_bytes = (tmp_path / "audit.json").read_bytes()
    assert out.read_bytes() == local_bytes
    assert json.loads(local_bytes)["summary"] == local["summary"]


def test_dask_pairing_applies_the_follow_up_rule_as_the_local_one():
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    from checker.audit.engines import DaskEngine, LocalEngine

    gap = cluster.FOLLOW_UP_DAYS + 30
    articles = [cluster.Weighted(0, 100, {"nelven salas": 3.0, "jo dunn": 3.0, "pine hills": 3.0, "salas": 2.0}),
                cluster.Weighted(1, 102, {"pine hills": 3.0, "salas": 2.0}),
                cluster.Weighted(2, 100 + gap, {"nelven salas": 3.0, "jo dunn": 3.0}),
                cluster.Weighted(3, 100 + gap, {"pine hills": 3.0, "salas": 2.0})]
    local = list(LocalEngine().pair_scores(articles))
    engine = DaskEngine(workers=1)
    try:
        assert list(engine.pair_scores(articles)) == local
    finally:
        engine.close()
    # 0-1 two days apart; 0-2 months apart with two full names; 0-3 and 1-3 months apart on places only.
    assert [(i, j) for i, j, _ in local] == [(0, 1), (0, 2)]


@pytest.mark.seeds
def test_gva_sample_gives_the_same_bytes_on_dask(tmp_path):
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    source = Path(__file__).resolve().parents[2] / "shared" / "data" / "gva_longtail" / "gva_incidents.dev.jsonl"
    if not source.is_file():
        pytest.skip(f"{source} is not here (it is in CI)")
    corpus = tmp_path / "gva.jsonl"
    with source.open(encoding="utf-8") as lines, corpus.open("w", encoding="utf-8") as out:
        written = 0
        for line in lines:
            for a in json.loads(line)["articles"]:
                if (a.get("content") or "").strip() and written < 150:
                    out.write(json.dumps({"id": f"{a['doc_id']}-{written}", "title": a["title"],
                                          "body": a["content"], "published": a["dct"], "url": a["uri"],
                                          "source": url_key(a["uri"]).split("/")[0]}) + "\n")
                    written += 1
    local, dask = tmp_path / "l.json", tmp_path / "d.json"
    assert main(["audit", str(corpus), "-o", str(local)]) == 0
    assert main(["audit", str(corpus), "-o", str(dask), "--engine", "dask"]) == 0
    assert local.read_bytes() == dask.read_bytes()
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_streamed_json_is_the_record_byte_for_byte(tmp_path, rules):
    import io

    from checker.reports.audit import audit_record, render_json, write_json

    for items in (list(iter_documents([str(WIRES)])), []):
        with Store(tmp_path / f"s{len(items)}.sqlite") as store:
            result = audit(iter(items), rules, store, inputs=[str(WIRES)])
            streamed = io.StringIO()
            write_json(result, streamed)
            assert streamed.getvalue() == render_json(audit_record(result))
