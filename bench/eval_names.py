"""Section 5 of ``bench/evaluate.py``: precision of name-variant and title findings on GVA articles.

Input: the same GVA dev incidents as section 4 (``gva_longtail/gva_incidents.dev.jsonl``),
each article a claimcheck document (title as headline, content as body). Every
article is checked alone with NAM001 (a name spelt two ways in one article) and
TTL001 (one person with two incompatible roles).

**Judging.** Each finding is judged a *true variant* (one person, place or
organisation spelt two ways: a typo or an inconsistent transliteration the
article really has) or a *false merge* (two different names grouped). The
registry helps where it can: when two spellings of a finding are the names of
two different participants, it is a false merge; when one participant's name
holds one spelling and no participant holds the other, the registry names one
person and it is a true variant. Every other finding was read by hand and its
verdict is in :data:`VERDICTS` (keyed by article and spellings, with a note);
a finding that is in neither is reported as *unjudged*, so a change that makes
new findings shows them. The target is at most 1 false merge per 100 articles.

TTL001 findings are listed for reading; none were found when this was written.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from eval_gva import read_incidents

from checker import names, titles
from checker.model import Discrepancy
from checker.names import fold
from checker.pipeline import analyse
from checker.rulepack import load_rules

TITLE = "5. Name variants and titles on GVA"
TARGET = 1.0  # false merges per 100 articles, at most

# Hand verdicts: (article id, spellings sorted) -> (verdict, note). Read from the
# finding's evidence sentences; "true" is one name spelt two ways in the article.
VERDICTS: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {
    ("120dfce89664128d957d205f00018009", ("Weihan", "Wěihàn")): (
        "false", "a pinyin gloss with tone marks, given on purpose beside the English form"),
    ("e162ad62b8a8a18663a885f0b050dc7d", ("Penasquitos", "Peñasquitos")): (
        "true", "Rancho Peñasquitos written with and without its tilde"),
    ("5ada1455a510d417129d27316270e0d2", ("Jaquez", "Jáquez")): (
        "true", "the reporter Nefertiti Jáquez, written Jaquez in the body"),
    ("0541fb1b283a2cb0d7d9a1c328ce4635", ("Osborne", "Osbourne")): ("true", "Brady Osborne, once Osbourne"),
    ("c07430e12462a815a4b9a585aaee26b1", ("Pedersen", "Pederson")): (
        "true", "victim Hunter Pedersen; a relative quoted as Pederson: one family name spelt two ways"),
    ("96499b0d1aec39d20ac0e154fe6ce546", ("Barbara", "Barbera")): ("true", "Santa Barbara / Santa Barbera"),
    ("260b4b864a42a55b23d8b974ff866379", ("Teitsort", "Tietsort")): ("true", "Steven Teitsort, shot Tietsort"),
    ("3cc3dec18e29025d7c8c3107483c6c10", ("Michaelis", "Micheaelis")): ("true", "typo of the suspect's name"),
    ("8a2158b5f15ca9b4634bb1701fae0eb8", ("Decerd", "Decherd")): ("true", "the town of Decherd, once Decerd"),
    ("8f6787824841e960e38b5572ce2ad4f1", ("Christian", "Christine")): (
        "false", "two given names in scraped page furniture and an unrelated birth notice"),
    ("f02ee641fef88a232dc394021bf2afeb", ("Malijah", "Malijha")): ("true", "the victim, baby Malijha"),
    ("43486bf1737e4f609c9a784b8044062c", ("Cruiz-Calvillo", "Cruz-Calvillo")): ("true", "the victim's surname"),
    ("4f8984edbb3894395d65aac51225d5d9", ("Reardean", "Rearden")): ("true", "Dorothy Reardean"),
    ("0b7b0fb6efc5aa89489018841e554194", ("Marshaman", "Marshman")): ("true", "Harrison Marshman"),
    ("f91174f2a5c14d3ac87938d1e4f0e110", ("Teage", "Teague")): ("true", "the victim's mother Miatta Teage"),
    ("c58bf57b2385a0f441683f11f54c8dee", ("Tyshawn", "Tyshwan")): ("true", "the victim, Tyshawn"),
    ("ff4d5ed789f57a295d8044955bb0233c", ("Ocasio", "Oocasio")): ("true", "Devonte Ocasio"),
    ("b67aaa0c560155be78fb92a9d3d5e081", ("Pisciotii", "Pisciotti")): ("true", "Italo Pisciotti"),
    ("2efcf0cde7a18eccf87c2e5adb43859a", ("Shepard", "Shephard")): ("true", "Nakia Shephard"),
    ("d5d209ec9c6c7d567df84eecc189b9df", ("Hospital", "Hosptial")): ("true", "University Hospital, once a typo"),
    ("06039444a700e201a7317f4189420d42", ("Shepard-Bennett", "Shpeard-Bennett")): ("true", "Brenda Shepard-Bennett"),
    ("0206f835f967e3d0648b03f75c20399d", ("Chanel", "Channel")): ("true", "the daughter, Channel / Chanel"),
    ("7ca1143852cf66c87c037903e2771460", ("Moncreif", "Moncrief")): ("true", "the suspect Moncrief"),
    ("ae50182cc8618b08ab0f969b824377e3", ("Burns-worth", "Burnsworth")): (
        "true", "John Henry Burnsworth, hyphenated in one paragraph"),
    ("bc37c98fb4c5456d33908fe697910269", ("Jeffery", "Jeffrey")): ("true", "parent Raymond Jeffery, quoted as Jeffrey"),
    ("9e81b8fb534577806c469b2a6f8cd168", ("Smelley", "Smelly")): ("true", "Cleveland Smelley"),
    ("3fb64fb44952dcea0e379ef5acc94ff8", ("Casullo", "Casulo")): ("true", "John Casulo / Casullo"),
    ("e158e69a50b790c6023c9592ac204800", ("Cerros", "Cuerros")): ("true", "Melody Cerros / Cuerros"),
    ("a589dbc7007920b67517de890b4f41a8", ("Schofield", "Scofield")): ("true", "Jermaine Scofield, 'the Schofield family'"),
    ("5e30c1ab1558c2098f2374684fa19c86", ("Luyster", "Lyster")): ("true", "Brent Luyster"),
    ("e3bb1a85c2ae03952989ba67f767083b", ("Gauerke", "Gaurke")): ("true", "police spokesman Sgt. Tim Gauerke"),
    ("85fec344e96a1495c3fb321299ef3026", ("Cassani", "Cassini")): ("true", "the suspect Marcus Antonio Cassani"),
    ("a453be60bcaac70ed81d73274357e806", ("Charfauros", "Charfaurous")): ("true", "Alex Charfauros"),
    ("597c86a24d576e67f981059b8258b47c", ("Michael", "Micheal")): ("true", "the victim, Michael Parsons"),
    ("d007340260ed603716bfbcd395c31bde", ("Parrotsville", "Parrottsville")): ("true", "the town of Parrottsville"),
    ("ded3f74e2595a1055c5aa6aacca4a456", ("Kelley", "Kelly")): ("true", "the victim Antonio Kelley"),
    ("51e14f37f1aefd208b8235590f352089", ("Etheridge", "Ethridge")): ("true", "the victim Malik Etheridge"),
    ("8695f61b5f03f0964bb806a3332adce3", ("Bissonnet", "Bissonnett")): ("true", "Bissonnet Street, Houston"),
    ("f2e1402b4acfc09e358566d4c9400b56", ("Caesars", "Caesers")): ("true", "Little Caesars, in a quoted tweet"),
    ("cfa52fd65ea9b00f9a562b3697329a73", ("Burkart", "Burkhart")): ("true", "the victim Autumn Burkhart"),
    ("9f1b8d3c44cc1677660a751409c8bf99", ("Sherill", "Sherrill")): ("true", "Sgt. Dan Sherrill"),
    ("1a4a681d871a658b200809b7b7c7dd66", ("Departement", "Department")): ("true", "Police Department, once a typo"),
    ("1f2e88448785ede636ed6ec70da90ba3", ("Petersen", "Peterson")): ("true", "the teenager Khamoi Petersen"),
    ("b3661f40671f1b791072906f3342e905", ("Montage", "Montague")): ("true", "the town of Montague in a police log"),
    ("9759350410ccb31a6465ebc8bf390db1", ("Lackey", "Lacky")): ("true", "the victim Tyquan Lacky / Lackey"),
    ("627b6937e9eff26ee47ec12928a469db", ("Herell", "Herrell")): ("true", "Lt. Robert Herrell"),
    ("7d8913f95949225df7ee6621bef58d44", ("Holaday", "Holoday")): ("true", "Kyle Holaday / Holoday"),
    ("61deb208c884750e4545338d850f9239", ("Gillet", "Gillett")): ("true", "spokeswoman Bianca Gillett"),
    ("b9e45b83ac99f8bc4901d54715d758be", ("Aguilera", "Aguliera")): ("true", "Antonio Aguilera"),
}
_QUOTED = re.compile(r"“([^”]+)” \(\d+ times?\)")


@dataclass
class Judged:
    incident: str
    article: str
    finding: Discrepancy
    spellings: tuple[str, ...]
    verdict: str  # "true", "false" or "unjudged"
    how: str  # "registry", "read" or ""
    note: str = ""


@dataclass
class Result:
    incidents: int = 0
    articles: int = 0
    findings: list[Judged] = field(default_factory=list)
    titles: list[tuple[str, str, Discrepancy]] = field(default_factory=list)


def _registry_verdict(spellings: tuple[str, ...], participants: list[str]) -> tuple[str, str] | None:
    """ "false" when two spellings are two participants' names, "true" when one participant holds one of them."""
    holders = {s: {n for n, name in enumerate(participants) if fold(s) in fold(name).replace("-", " ").split()
                   or fold(s) in fold(name).split()} for s in spellings}
    held = {s: h for s, h in holders.items() if h}
    if len(held) >= 2 and not set.intersection(*held.values()):
        return "false", "two participants: " + "; ".join(participants[min(h)] for h in held.values())
    if len(held) == 1:
        (s, h), = held.items()
        return "true", f"registry: {participants[min(h)]}"
    return None


def evaluate(path: Path) -> Result:
    rules = load_rules()
    nam, ttl = rules.by_code("NAM001"), rules.by_code("TTL001")
    result = Result()
    for incident in read_incidents(path):
        result.incidents += 1
        participants = [p["Name"] for p in _participants(path, incident.id) if p.get("Name")]
        for doc in incident.docs:
            result.articles += 1
            article, _claims = analyse(doc, rules)
            for finding in names.check_within(article, (), nam, rules):
                spellings = tuple(sorted(_QUOTED.findall(finding.message)))
                verdict, how = _registry_verdict(spellings, participants), "registry"
                if verdict is None:
                    verdict, how = VERDICTS.get((doc.id, spellings)), "read"
                if verdict is None:
                    verdict, how = ("unjudged", ""), ""
                result.findings.append(Judged(incident.id, doc.id, finding, spellings, verdict[0], how, verdict[1]))
            for finding in titles.check_within(article, (), ttl, rules):
                result.titles.append((incident.id, doc.id, finding))
    return result


_PARTICIPANTS: dict[str, list[dict]] = {}


def _participants(path: Path, incident: str) -> list[dict]:
    if not _PARTICIPANTS:
        import json

        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    item = json.loads(line)
                    _PARTICIPANTS[str(item["incident_id"])] = item["gold"].get("participants") or []
    return _PARTICIPANTS.get(incident, [])


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("names")
    group.add_argument("--names-list", action="store_true", help="list every name-variant finding with its verdict")


def section(args: argparse.Namespace) -> str:
    """Check every GVA dev article with NAM001 and TTL001; return the section's Markdown body."""
    path = getattr(args, "gva", None) or args.data / "gva_longtail" / "gva_incidents.dev.jsonl"
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: pass --data or --gva")
    r = evaluate(path)
    per100 = lambda n: 100 * n / r.articles if r.articles else 0.0  # noqa: E731
    counts = Counter(j.verdict for j in r.findings)
    by_how = Counter((j.verdict, j.how) for j in r.findings)
    false_rate = per100(counts["false"])
    lines = [
        f"`{path.name}`: {r.incidents} incidents, {r.articles} articles with text, each checked alone with NAM001 "
        "(a name spelt two ways) and TTL001 (one person, two incompatible roles).",
        "",
        "| | findings | per 100 articles |",
        "| --- | ---: | ---: |",
        f"| NAM001 name-variant findings | {len(r.findings)} | {per100(len(r.findings)):.2f} |",
        f"| true variants (registry {by_how[('true', 'registry')]}, read {by_how[('true', 'read')]}) "
        f"| {counts['true']} | {per100(counts['true']):.2f} |",
        f"| **false merges** (registry {by_how[('false', 'registry')]}, read {by_how[('false', 'read')]}) "
        f"| {counts['false']} | **{false_rate:.2f}** |",
        f"| unjudged (new since the verdicts were read) | {counts['unjudged']} | {per100(counts['unjudged']):.2f} |",
        f"| TTL001 title findings | {len(r.titles)} | {per100(len(r.titles)):.2f} |",
        "",
        f"Target: at most {TARGET:g} false merge per 100 articles — "
        + ("met." if false_rate <= TARGET and not counts["unjudged"] else
           "not met." if false_rate > TARGET else "met on the judged findings; read the unjudged ones."),
    ]
    false = [j for j in r.findings if j.verdict != "true"]
    if false:
        lines += ["", "False merges and unjudged findings:", ""]
        lines += [f"- {j.verdict}: {' / '.join(j.spellings)} (incident {j.incident}) — {j.note}" for j in false]
    if r.titles:
        lines += ["", "Title findings:", ""]
        lines += [f"- incident {i}: {d.message}" for i, _, d in r.titles]
    if getattr(args, "names_list", False):
        lines += ["", "Every name-variant finding:", ""]
        lines += [f"- {j.verdict} ({j.how or 'unread'}): {' / '.join(j.spellings)} — {j.note}" for j in r.findings]
    return "\n".join(lines)
