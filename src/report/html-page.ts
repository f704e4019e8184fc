// The HTML report's fixed parts: its style sheet, its small script and its palette. They
// are inlined into every report, so the file opens anywhere without a request.

export const GRADE_COLOR: Record<string, string> = {
  A: "#2f9e44", B: "#74b816", C: "#f59f00", D: "#f76707", F: "#e03131", clean: "#2b8a3e", "-": "#868e96",
};

export const SEVERITY_COLOR: Record<string, string> = {
  info: "#4dabf7", warning: "#fab005", error: "#fd7e14", critical: "#e03131",
};

/**
 * The page may run its own inline script and style and show inline images, nothing else: a
 * second guard, after escaping, against anything in an export reaching the network.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; font-src data:";

export const STYLE = `
:root { --ink: #1f2933; --muted: #66727f; --line: #e4e7eb; --bg: #f4f6f8; --card: #fff; --accent: #364fc7; }
* { box-sizing: border-box; }
html { scroll-behavior: smooth; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 24px 64px; }
header.top { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; margin-bottom: 20px; }
header.top h1 { margin: 0; font-size: 26px; letter-spacing: -0.02em; }
header.top .sub { margin: 4px 0 0; color: var(--muted); font-size: 13px; }
.gate { padding: 8px 14px; border-radius: 999px; font-weight: 600; font-size: 14px; white-space: nowrap; }
.gate.pass { background: #ebfbee; color: #2b8a3e; }
.gate.fail { background: #fff5f5; color: #c92a2a; }
.gate.none { background: #f1f3f5; color: var(--muted); font-weight: 500; }
.card { background: var(--card); border-radius: 14px; box-shadow: 0 1px 2px rgba(16,24,40,.06), 0 1px 3px rgba(16,24,40,.08); padding: 18px 20px; }
.card h2 { margin: 0 0 2px; font-size: 16px; }
.card .hint { margin: 0 0 8px; color: var(--muted); font-size: 13px; }
.kpis { display: grid; grid-template-columns: 1.9fr 1fr 1fr 1fr; gap: 16px; margin-bottom: 16px; }
.kpi .label { color: var(--muted); font-size: 13px; text-transform: uppercase; letter-spacing: .06em; }
.kpi .value { font-size: 40px; font-weight: 700; letter-spacing: -0.03em; line-height: 1.15; margin: 6px 0 4px; }
.kpi .value.up { color: #2b8a3e; } .kpi .value.down { color: #c92a2a; }
.kpi .note { color: var(--muted); font-size: 13px; }
.score-card { display: flex; align-items: center; gap: 8px; padding: 8px 12px; }
.score-card .gauge { flex: 0 0 200px; }
.score-card .verdict { font-size: 13px; color: var(--muted); padding-right: 8px; }
.score-card .verdict b { display: block; font-size: 18px; color: var(--ink); margin-bottom: 4px; }
.grid2 { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; margin-bottom: 16px; }
.chart svg { width: 100%; height: auto; display: block; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.pill { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.sev-info { background: #e7f5ff; color: #1864ab; } .sev-warning { background: #fff9db; color: #8a6100; }
.sev-error { background: #fff4e6; color: #c2410c; } .sev-critical { background: #c92a2a; color: #fff; }
.grade { display: inline-block; min-width: 26px; text-align: center; padding: 1px 7px; border-radius: 6px; color: #fff; font-weight: 700; font-size: 12px; }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th { text-align: left; color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .05em; border-bottom: 1px solid var(--line); padding: 8px 10px; }
td { border-bottom: 1px solid var(--line); padding: 8px 10px; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td code { white-space: nowrap; }
tr.finding { cursor: pointer; } tr.finding:hover { background: #f8f9ff; }
tr.finding a { color: var(--accent); font-weight: 600; text-decoration: none; }
.delta-up { color: #2b8a3e; font-weight: 600; } .delta-down { color: #c92a2a; font-weight: 600; } .delta-same { color: var(--muted); }
.toolbar { display: flex; gap: 10px; align-items: center; margin: 8px 0 10px; flex-wrap: wrap; }
.toolbar input, .toolbar select { font: inherit; padding: 6px 10px; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
.toolbar input { flex: 1 1 260px; }
.toolbar .count { color: var(--muted); font-size: 13px; }
section.block { margin-bottom: 16px; }
details summary { cursor: pointer; color: var(--accent); font-size: 13px; margin-top: 8px; }
.changes { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.changes ul { margin: 6px 0 0; padding-left: 18px; font-size: 14px; }
.changes li { margin-bottom: 4px; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f1f3f5; padding: 1px 5px; border-radius: 5px; }
.conv { display: none; position: fixed; inset: 0; background: rgba(15,23,42,.5); z-index: 10; overflow: auto; padding: 6vh 16px; }
.conv:target { display: flex; justify-content: center; align-items: flex-start; }
.sheet { background: #fff; width: 100%; max-width: 780px; border-radius: 16px; padding: 24px 28px; box-shadow: 0 20px 50px rgba(0,0,0,.25); position: relative; }
.sheet h2 { margin: 0 40px 6px 0; font-size: 20px; }
.sheet .meta { color: var(--muted); font-size: 14px; margin-bottom: 14px; display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; }
.sheet .close { position: absolute; top: 14px; right: 18px; font-size: 26px; color: var(--muted); text-decoration: none; line-height: 1; }
.sheet ol { list-style: none; padding: 0; margin: 0; }
.sheet li { border-top: 1px solid var(--line); padding: 14px 0; }
.sheet li .head { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; font-size: 13px; color: var(--muted); }
.sheet li .head b { color: var(--ink); font-size: 14px; }
.sheet li p { margin: 6px 0; font-weight: 500; }
blockquote { margin: 6px 0 0; padding: 10px 14px; background: #f8f9fa; border-left: 4px solid #adb5bd; border-radius: 0 8px 8px 0; color: #343a40; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 14px; }
li.suppressed { opacity: .7; }
footer { color: var(--muted); font-size: 12px; margin-top: 24px; text-align: center; }
@media (max-width: 900px) { .kpis, .grid2, .changes { grid-template-columns: 1fr; } }
@media print { .conv, .toolbar { display: none !important; } body { background: #fff; } .card { box-shadow: none; border: 1px solid var(--line); } }
`;

/** Clicking a row opens its conversation; filtering by rule and text; Escape closes. */
export const SCRIPT = `
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.finding"));
  rows.forEach(function (tr) {
    tr.addEventListener("click", function (e) {
      if (e.target.closest("a")) return;
      location.hash = tr.getAttribute("data-target");
    });
  });
  var q = document.getElementById("finding-search");
  var rule = document.getElementById("finding-rule");
  var count = document.getElementById("finding-count");
  function filter() {
    var text = q ? q.value.trim().toLowerCase() : "";
    var wanted = rule ? rule.value : "";
    var shown = 0;
    rows.forEach(function (tr) {
      var visible = (!wanted || tr.getAttribute("data-rule") === wanted) && (!text || tr.textContent.toLowerCase().indexOf(text) >= 0);
      tr.hidden = !visible;
      if (visible) shown++;
    });
    if (count) count.textContent = shown + " of " + rows.length + " shown";
  }
  if (q) q.addEventListener("input", filter);
  if (rule) rule.addEventListener("change", filter);
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && /^#c\\d+$/.test(location.hash)) location.hash = "findings";
  });
  document.querySelectorAll(".conv").forEach(function (panel) {
    panel.addEventListener("click", function (e) { if (e.target === panel) location.hash = "findings"; });
  });
  filter();
})();
`;
