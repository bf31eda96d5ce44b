/* claimcheck report: draws the findings and articles from the embedded JSON.
 * DOM APIs only (createElement, textContent, append): no HTML is ever parsed
 * from the data, and no style attribute is ever set. */
(function () {
  "use strict";

  var PAGE = 100;  // findings drawn at a time
  var SEVERITIES = ["error", "warning", "info"];
  var SEVERITY_LABEL = {error: "Error", warning: "Warning", info: "Info"};
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var findings = data.findings;
  var articles = data.articles;
  var rules = data.rules;

  var $ = function (id) { return document.getElementById(id); };
  var list = $("findings");
  var more = $("findings-more");
  var count = $("finding-count");
  var view = $("article-view");
  var details = $("claim-details");
  var picker = $("article-picker");
  var help = $("help");
  var filters = {
    severity: $("filter-severity"), kind: $("filter-kind"), rule: $("filter-rule"),
    article: $("filter-article"), outlet: $("filter-outlet"), text: $("filter-text")
  };

  var state = {
    shown: [],      // indexes of the findings that pass the filters, in order
    drawn: 0,       // how many of them are in the list
    selected: -1,   // index of the selected finding, or -1
    article: 0      // n of the article in the view, or 0
  };
  var nodes = {};   // finding index -> its list item, once drawn (kept for the next time it is shown)

  // ---------------------------------------------------------------- helpers

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function severityBadge(severity) {
    var badge = el("span", "sev sev-" + severity);
    var icon = el("span", "icon");
    icon.setAttribute("aria-hidden", "true");
    badge.append(icon, SEVERITY_LABEL[severity] || severity);
    return badge;
  }

  function articleLabel(a) {
    var label = a.path === a.id ? a.id : a.id + " (" + a.path + ")";
    return a.source ? label + " \u2014 " + a.source : label;
  }

  // ---------------------------------------------------------------- indexes

  findings.forEach(function (f, i) {
    f.articleIds = {};
    f.outlets = {};
    f.sides.forEach(function (s) {
      var a = articles[s.article - 1];
      f.articleIds[a.id] = true;
      if (a.source) f.outlets[a.source] = true;
    });
    f.i = i;
  });

  // What the text filter searches, in lower case: built after the first render (or when first needed).
  var haystacks = null;
  function searchIndex() {
    if (haystacks) return haystacks;
    haystacks = findings.map(function (f) {
      var words = [f.message, f.rule, rules[f.rule].name, f.measure, f.kind, f.scope, f.severity];
      f.sides.forEach(function (s) {
        var a = articles[s.article - 1];
        words.push(s.before + s.text + s.after, a.path, a.id, a.source || "");
      });
      return words.join("\n").toLowerCase();
    });
    return haystacks;
  }
  var byFingerprint = {};
  findings.forEach(function (f) { byFingerprint[f.fp] = f; });
  var findingsOf = {};  // article n -> number of findings with a side in it
  findings.forEach(function (f) {
    var seen = {};
    f.sides.forEach(function (s) {
      if (!seen[s.article]) { seen[s.article] = true; findingsOf[s.article] = (findingsOf[s.article] || 0) + 1; }
    });
  });

  // ---------------------------------------------------------------- filter options

  function tally(keysOf) {
    var counts = {};
    var order = [];
    findings.forEach(function (f) {
      keysOf(f).forEach(function (k) {
        if (!(k in counts)) { counts[k] = 0; order.push(k); }
        counts[k] += 1;
      });
    });
    return {counts: counts, order: order};
  }

  function fill(select, entries) {
    entries.forEach(function (e) {
      var option = el("option", null, e.label + " (" + e.n + ")");
      option.value = e.value;
      select.append(option);
    });
  }

  function byText(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  (function fillFilters() {
    var sev = tally(function (f) { return [f.severity]; });
    fill(filters.severity, SEVERITIES.filter(function (s) { return sev.counts[s]; }).map(function (s) {
      return {value: s, label: s, n: sev.counts[s]};
    }));
    var kinds = tally(function (f) { return [f.kind]; });
    fill(filters.kind, kinds.order.slice().sort(byText).map(function (k) {
      return {value: k, label: k, n: kinds.counts[k]};
    }));
    var byRule = tally(function (f) { return [f.rule]; });
    fill(filters.rule, byRule.order.slice().sort(byText).map(function (r) {
      return {value: r, label: r + " " + rules[r].name, n: byRule.counts[r]};
    }));
    var arts = tally(function (f) { return Object.keys(f.articleIds); });
    fill(filters.article, articles.filter(function (a) { return arts.counts[a.id]; }).map(function (a) {
      return {value: a.id, label: articleLabel(a), n: arts.counts[a.id]};
    }));
    var outlets = tally(function (f) { return Object.keys(f.outlets); });
    fill(filters.outlet, outlets.order.slice().sort(byText).map(function (o) {
      return {value: o, label: o, n: outlets.counts[o]};
    }));
    articles.forEach(function (a) {
      var n = findingsOf[a.n] || 0;
      var option = el("option", null, a.n + ". " + articleLabel(a) + (n ? " \u2014 " + plural(n, "finding") : ""));
      option.value = String(a.n);
      picker.append(option);
    });
  })();

  // ---------------------------------------------------------------- filtering

  function passes(f, want, haystack) {
    if (want.severity && f.severity !== want.severity) return false;
    if (want.kind && f.kind !== want.kind) return false;
    if (want.rule && f.rule !== want.rule) return false;
    if (want.article && !f.articleIds[want.article]) return false;
    if (want.outlet && !f.outlets[want.outlet]) return false;
    for (var t = 0; t < want.terms.length; t++) {
      if (haystack[f.i].indexOf(want.terms[t]) < 0) return false;
    }
    return true;
  }

  var applied = null;  // the filters last applied: a select fires both input and change

  function applyFilters() {
    var want = {
      severity: filters.severity.value, kind: filters.kind.value, rule: filters.rule.value,
      article: filters.article.value, outlet: filters.outlet.value,
      terms: filters.text.value.toLowerCase().split(/\s+/).filter(Boolean)
    };
    var key = JSON.stringify(want);
    if (key === applied) return;
    applied = key;
    state.shown = [];
    var haystack = want.terms.length ? searchIndex() : null;
    for (var i = 0; i < findings.length; i++) {
      if (passes(findings[i], want, haystack)) state.shown.push(i);
    }
    count.textContent = state.shown.length + " of " + plural(findings.length, "finding");
    var at = state.shown.indexOf(state.selected);
    drawList(Math.max(PAGE, at + 1));
  }

  // ---------------------------------------------------------------- the findings list

  function drawList(upTo) {
    list.replaceChildren();
    state.drawn = 0;
    drawMore(upTo);
    if (!state.shown.length) {
      list.append(el("li", "none", findings.length ? "No finding passes these filters." : "No discrepancies found."));
    }
  }

  function drawMore(upTo) {
    var end = Math.min(state.shown.length, upTo);
    var fragment = document.createDocumentFragment();
    for (var k = state.drawn; k < end; k++) {
      var i = state.shown[k];
      if (!nodes[i]) nodes[i] = findingNode(findings[i]);
      fragment.append(nodes[i]);
    }
    list.append(fragment);
    state.drawn = Math.max(state.drawn, end);
    var left = state.shown.length - state.drawn;
    more.textContent = "Show " + Math.min(PAGE, left) + " more (" + left + " not shown)";
    more.classList.toggle("hidden", left <= 0);
  }

  function ensureDrawn(i) {
    var k = state.shown.indexOf(i);
    if (k < 0) return null;
    if (k >= state.drawn) drawMore(k + 1);
    return nodes[i];
  }

  function findingNode(f) {
    var item = el("li", "finding sev-" + f.severity);
    item.id = "finding-" + f.fp;
    item.setAttribute("data-finding", f.fp);
    item.setAttribute("data-severity", f.severity);
    item.setAttribute("data-rule", f.rule);
    item.setAttribute("data-kind", f.kind);
    if (f.i === state.selected) item.setAttribute("aria-current", "true");
    var card = el("article");
    card.setAttribute("aria-labelledby", "title-" + f.fp);

    var head = el("div", "finding-head");
    var title = el("h3", "finding-title");
    title.id = "title-" + f.fp;
    var pick = el("button", "pick", f.message);
    pick.type = "button";
    title.append(pick);
    var meta = el("p", "finding-meta");
    var rule = el("a", "code", f.rule);
    rule.href = rules[f.rule].help;
    rule.rel = "noopener noreferrer";
    rule.target = "_blank";
    rule.title = "the rule's documentation";
    meta.append(severityBadge(f.severity), " ", rule, " " + rules[f.rule].name + " \u00b7 " + f.kind + " \u00b7 " + scopeLabel(f.scope));
    head.append(meta, title);

    var sides = el("div", "sides " + (f.sides.length === 2 ? "pair" : "stack"));
    f.sides.forEach(function (s, k) { sides.append(sideNode(f, s, k)); });

    var why = el("p", "why");
    why.append(el("strong", null, "Why compared: "), f.why);
    card.append(head, sides, why);
    item.append(card);
    return item;
  }

  function scopeLabel(scope) {
    return {within: "within one article", across: "across articles", reference: "against the source"}[scope] || scope;
  }

  function sideNode(f, s, k) {
    var box = el("section", "side");
    box.setAttribute("aria-label", "Side " + (k + 1) + " of " + f.sides.length);
    var meta = el("p", "side-meta");
    if (s.reference) meta.append(el("span", "tag", "source"), " ");
    var a = articles[s.article - 1];
    var where = (s.locations || [[s.line, s.column]]).map(function (at) { return a.path + ":" + at[0] + ":" + at[1]; });
    meta.append(el("span", "tag", s.segment), " ", el("span", "code", where.join(", ")));
    if (a.source) meta.append(" \u00b7 " + a.source);
    var quote = el("blockquote", "sentence");
    quote.append(s.before, el("mark", null, s.text), s.after);
    var parsed = el("dl", "parsed");
    if (s.value !== undefined) {
      pair(parsed, "value", s.value);
      pair(parsed, "interval", s.interval);
      pair(parsed, "qualifier", s.qualifier.replace(/_/g, " "));
    }
    if (s.attribution) pair(parsed, "according to", s.attribution);
    var go = el("button", "goto", "Show in the article");
    go.type = "button";
    go.setAttribute("data-side", String(k));
    box.append(meta, quote, parsed, go);
    return box;
  }

  function pair(dl, term, value) {
    if (value === undefined || value === null || value === "") return;
    dl.append(el("dt", null, term), el("dd", null, value));
  }

  // ---------------------------------------------------------------- selection

  function setFragment(hash) {
    try {
      history.replaceState(null, "", hash);
    } catch (e) {
      // A page without an origin of its own (a sandboxed viewer) may not rewrite its address.
    }
  }

  function select(i, how) {
    var previous = state.selected;
    if (previous >= 0 && nodes[previous]) nodes[previous].removeAttribute("aria-current");
    state.selected = i;
    var f = findings[i];
    var node = ensureDrawn(i);
    if (node) node.setAttribute("aria-current", "true");
    if (how !== "load" || location.hash !== "#finding-" + f.fp) setFragment("#finding-" + f.fp);
    var side = f.sides[0];
    if (!side) return;
    for (var k = 0; k < f.sides.length; k++) {
      if (f.sides[k].article === state.article) { side = f.sides[k]; break; }
    }
    showArticle(side.article);
    markSelected();
    if (node) {
      if (how === "key" || how === "load") {
        var pick = node.querySelector(".pick");
        pick.focus({preventScroll: true});
        node.scrollIntoView({block: how === "load" ? "start" : "nearest"});
      }
    }
    scrollToSpan(side.span, how === "side");
  }

  function step(by) {
    if (!state.shown.length) return;
    var k = state.shown.indexOf(state.selected);
    if (k < 0) k = by > 0 ? 0 : state.shown.length - 1;
    else k = Math.max(0, Math.min(state.shown.length - 1, k + by));
    select(state.shown[k], "key");
  }

  list.addEventListener("click", function (event) {
    var target = event.target;
    if (target.closest("a")) return;
    var item = target.closest("[data-finding]");
    if (!item) return;
    var f = byFingerprint[item.getAttribute("data-finding")];
    var go = target.closest(".goto");
    if (go) {
      var s = f.sides[Number(go.getAttribute("data-side"))];
      if (state.selected !== f.i) select(f.i, "click");
      showArticle(s.article);
      markSelected();
      scrollToSpan(s.span, true);
      return;
    }
    if (state.selected !== f.i || target.closest(".pick")) select(f.i, "click");
  });

  more.addEventListener("click", function () { drawMore(state.drawn + PAGE); });

  // ---------------------------------------------------------------- the article view

  function showArticle(n) {
    if (n === state.article) return;
    var a = articles[n - 1];
    if (!a) return;
    state.article = n;
    picker.value = String(n);
    view.replaceChildren();
    var head = el("header", "article-head");
    head.append(el("h3", null, a.id));
    var meta = el("p", "article-meta");
    var bits = [];
    if (a.path !== a.id) bits.push(a.path);
    if (a.source) bits.push(a.source);
    if (a.published) bits.push(a.published);
    meta.textContent = bits.join(" \u00b7 ");
    head.append(meta);
    if (a.url) head.append(el("p", "article-url code", a.url));
    view.append(head);
    var fragment = document.createDocumentFragment();
    a.segments.forEach(function (seg) {
      var row = el("div", "segment seg-" + seg.role);
      row.append(el("span", "role", seg.role));
      var text = el("p", "segment-text");
      seg.parts.forEach(function (part) {
        if (typeof part === "string") { text.append(part); return; }
        var claim = a.claims[part[1]];
        var inFinding = part.slice(1).some(function (id) { return a.claims[id].findings; });
        var span = el("span", "claim" + (inFinding ? " in-finding" : ""), part[0]);
        span.setAttribute("data-claim", part[1]);
        if (part.length > 2) span.setAttribute("data-also", part.slice(2).join(" "));
        span.setAttribute("role", "button");
        span.setAttribute("tabindex", "0");
        span.setAttribute("aria-label", part[0] + (claim.mention ? ", a name in a finding" :
          (inFinding ? ", a figure in a finding" : ", a figure")));
        text.append(span);
      });
      row.append(text);
      fragment.append(row);
    });
    view.append(fragment);
    details.replaceChildren(el("p", "hint", "Click an underlined figure to see how it was read."));
  }

  function markSelected() {
    var old = view.querySelectorAll(".current");
    for (var k = 0; k < old.length; k++) old[k].classList.remove("current");
    if (state.selected < 0) return;
    findings[state.selected].sides.forEach(function (s) {
      if (s.article !== state.article) return;
      var span = spanFor(s.span);
      if (span) span.classList.add("current");
    });
  }

  function spanFor(id) {
    var spans = view.querySelectorAll("[data-claim]");
    for (var k = 0; k < spans.length; k++) {
      var also = (spans[k].getAttribute("data-also") || "").split(" ");
      if (spans[k].getAttribute("data-claim") === id || also.indexOf(id) >= 0) return spans[k];
    }
    return null;
  }

  function scrollsItself() {
    var pane = $("article-pane");
    var overflow = getComputedStyle(pane).overflowY;
    return (overflow === "auto" || overflow === "scroll") && pane.scrollHeight > pane.clientHeight;
  }

  function scrollToSpan(id, always) {
    var span = spanFor(id);
    if (!span) return;
    var pane = $("article-pane");
    if (scrollsItself()) {
      var top = span.getBoundingClientRect().top - pane.getBoundingClientRect().top;
      pane.scrollTop += top - pane.clientHeight / 3;
    } else if (always) {
      span.scrollIntoView({block: "center"});
    }
    if (always) span.focus({preventScroll: true});
  }

  function showClaim(span) {
    var a = articles[state.article - 1];
    var ids = [span.getAttribute("data-claim")].concat((span.getAttribute("data-also") || "").split(" ").filter(Boolean));
    var prior = view.querySelector(".claim.shown");
    if (prior) prior.classList.remove("shown");
    span.classList.add("shown");
    details.replaceChildren();
    ids.forEach(function (id) {
      var c = a.claims[id];
      var box = el("div", "claim-record");
      box.append(el("h3", null, "\u201c" + c.text + "\u201d"));
      var dl = el("dl", "parsed");
      pair(dl, "where", c.segment + ", line " + c.line + ", column " + c.column);
      if (c.mention) {
        pair(dl, "what", "a name or place a finding is about (no value)");
      } else {
        pair(dl, "value", c.value);
        pair(dl, "interval", c.interval);
        pair(dl, "unit", c.unit);
        pair(dl, "kind", c.kind);
        pair(dl, "qualifier", (c.qualifier || "").replace(/_/g, " "));
        pair(dl, "measure", c.measure ? c.measure + (c.rule ? " (" + c.rule + ")" : "") : "none: not compared");
        pair(dl, "counted", c.counted ? c.counted + (c.counted_class && c.counted_class !== c.counted ?
          " (as " + c.counted_class + ")" : "") : c.counted_class);
        pair(dl, "subject", c.subject);
        pair(dl, "note", c.note);
      }
      pair(dl, "attribution", c.attribution);
      box.append(dl);
      if (c.findings) {
        var in_ = el("ul", "claim-findings");
        c.findings.forEach(function (i) {
          var f = findings[i];
          var li = el("li");
          var b = el("button", "link", f.rule + ": " + f.message);
          b.type = "button";
          b.setAttribute("data-select", String(i));
          li.append(severityBadge(f.severity), " ", b);
          in_.append(li);
        });
        box.append(el("p", "in-findings", "In " + plural(c.findings.length, "finding") + ":"), in_);
      }
      details.append(box);
    });
  }

  view.addEventListener("click", function (event) {
    var span = event.target.closest("[data-claim]");
    if (span) showClaim(span);
  });
  view.addEventListener("keydown", function (event) {
    if ((event.key === "Enter" || event.key === " ") && event.target.matches("[data-claim]")) {
      event.preventDefault();
      showClaim(event.target);
    }
  });
  details.addEventListener("click", function (event) {
    var b = event.target.closest("[data-select]");
    if (!b) return;
    var i = Number(b.getAttribute("data-select"));
    if (state.shown.indexOf(i) < 0) clearFilters();
    select(i, "key");
  });
  picker.addEventListener("change", function () {
    var n = Number(picker.value);
    showArticle(n);
    markSelected();
    setFragment("#article-" + n);
  });

  // ---------------------------------------------------------------- filters, fragment, keys

  function clearFilters() {
    ["severity", "kind", "rule", "article", "outlet", "text"].forEach(function (k) { filters[k].value = ""; });
    applyFilters();
  }

  Object.keys(filters).forEach(function (k) {
    filters[k].addEventListener(k === "text" ? "input" : "change", applyFilters);
    if (k !== "text") filters[k].addEventListener("input", applyFilters);
  });
  filters.article.addEventListener("change", function () {
    var a = articles.filter(function (x) { return x.id === filters.article.value; })[0];
    if (a) { showArticle(a.n); markSelected(); }
  });
  $("filters").addEventListener("submit", function (event) { event.preventDefault(); });
  $("filter-clear").addEventListener("click", clearFilters);

  function openHelp() { if (!help.open) help.showModal(); }
  function closeHelp() { if (help.open) help.close(); }
  $("help-button").addEventListener("click", openHelp);
  $("help-close").addEventListener("click", closeHelp);

  function followFragment(how) {
    var hash = location.hash.slice(1);
    try { hash = decodeURIComponent(hash); } catch (e) { /* not percent-encoded UTF-8: taken as it is */ }
    var m;
    if ((m = /^finding-(.+)$/.exec(hash)) && byFingerprint[m[1]]) {
      var i = byFingerprint[m[1]].i;
      if (state.shown.indexOf(i) < 0) clearFilters();
      select(i, how);
      return true;
    }
    if ((m = /^article-(\d+)$/.exec(hash)) && articles[Number(m[1]) - 1]) {
      showArticle(Number(m[1]));
      markSelected();
      $("article-pane").scrollIntoView({block: "start"});
      view.focus({preventScroll: true});
      return true;
    }
    return false;
  }
  window.addEventListener("hashchange", function () { followFragment("load"); });

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (help.open) {
      if (event.key === "?") { event.preventDefault(); closeHelp(); }
      return;  // Escape: the dialog closes itself
    }
    var t = event.target;
    if (t && (t.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName))) {
      if (event.key === "Escape" && t === filters.text) t.blur();
      return;
    }
    if (event.key === "j") { event.preventDefault(); step(1); }
    else if (event.key === "k") { event.preventDefault(); step(-1); }
    else if (event.key === "/") { event.preventDefault(); filters.text.focus(); filters.text.select(); }
    else if (event.key === "?") { event.preventDefault(); openHelp(); }
  });

  // Printing shows every finding that passes the filters, not only the drawn page.
  window.addEventListener("beforeprint", function () { drawMore(state.shown.length); });

  // ---------------------------------------------------------------- first render

  document.body.classList.remove("no-js");
  document.body.classList.add("js");
  applyFilters();
  if (!followFragment("load") && findings.length) {
    showArticle(findings[0].sides[0].article);
  } else if (!state.article && articles.length) {
    showArticle(1);
  }
  window.claimcheckReport = {
    ready: true,
    readyAt: performance.now(),
    findings: findings.length,
    articles: articles.length,
    select: function (fp) { var f = byFingerprint[fp]; if (f) select(f.i, "key"); return !!f; }
  };
  setTimeout(searchIndex, 0);
})();
