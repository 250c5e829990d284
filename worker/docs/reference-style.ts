// Styles of the API reference page (worker/docs/reference-page.ts).
export const REFERENCE_STYLE = String.raw`
:root { --fg:#1c2230; --muted:#5d6678; --line:#e3e6ec; --bg:#fff; --soft:#f6f7f9; --accent:#0f766e;
  --get:#1d4ed8; --post:#047857; --patch:#b45309; --put:#7c3aed; --delete:#b91c1c; --err:#b91c1c; }
@media (prefers-color-scheme: dark) { :root { --fg:#e6e9ef; --muted:#9aa3b5; --line:#2b3140; --bg:#12151c; --soft:#1a1f29; --accent:#2dd4bf;
  --get:#60a5fa; --post:#34d399; --patch:#fbbf24; --put:#a78bfa; --delete:#f87171; --err:#f87171; } }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--fg); background:var(--bg); }
a { color:var(--accent); text-decoration:none; } a:hover { text-decoration:underline; }
code, .mono { font-family: ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:0.9em; }
.layout { display:grid; grid-template-columns: 290px minmax(0, 1fr); min-height:100vh; }
nav { border-right:1px solid var(--line); padding:16px; position:sticky; top:0; height:100vh; overflow-y:auto; overflow-x:hidden; background:var(--soft); }
nav h2 { font-size:12px; text-transform:uppercase; letter-spacing:.06em; color:var(--muted); margin:18px 0 6px; }
nav ul { list-style:none; margin:0; padding:0; } nav li { margin:2px 0; }
nav li a { display:flex; gap:8px; align-items:baseline; color:var(--fg); font-size:13px; padding:2px 4px; border-radius:4px; overflow-wrap:anywhere; min-width:0; }
nav li a .method { flex:none; }
nav li a:hover { background:var(--line); text-decoration:none; }
nav input { width:100%; padding:7px 9px; border:1px solid var(--line); border-radius:6px; background:var(--bg); color:var(--fg); font:inherit; }
main { padding:24px 40px 80px; max-width:1100px; }
header.doc h1 { margin:0 0 4px; font-size:26px; }
.muted { color:var(--muted); }
section.tag > h2 { margin-top:40px; padding-bottom:6px; border-bottom:2px solid var(--line); }
article.op { border:1px solid var(--line); border-radius:8px; margin:18px 0; overflow:hidden; }
article.op > header { display:flex; gap:10px; align-items:center; padding:10px 14px; background:var(--soft); border-bottom:1px solid var(--line); flex-wrap:wrap; }
article.op > header a.anchor { color:var(--fg); font-weight:600; }
article.op .body { padding:6px 14px 14px; }
.method { font:700 11px/1 ui-monospace,monospace; text-transform:uppercase; padding:4px 6px; border-radius:4px; color:#fff; min-width:52px; text-align:center; }
.m-get { background:var(--get); } .m-post { background:var(--post); } .m-patch { background:var(--patch); } .m-put { background:var(--put); } .m-delete { background:var(--delete); }
.path { font-family:ui-monospace,monospace; font-weight:600; overflow-wrap:anywhere; }
.badge { font-size:11px; padding:1px 6px; border:1px solid var(--line); border-radius:10px; color:var(--muted); }
h4 { margin:14px 0 6px; font-size:13px; text-transform:uppercase; letter-spacing:.05em; color:var(--muted); }
table { border-collapse:collapse; width:100%; font-size:14px; }
th, td { text-align:left; padding:5px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
th { font-size:12px; color:var(--muted); font-weight:600; }
.status { font-family:ui-monospace,monospace; font-weight:700; }
.status.ok { color:var(--post); } .status.err { color:var(--err); } .status.info { color:var(--get); }
.schema { margin:4px 0 0; padding-left:0; list-style:none; }
.schema .schema { padding-left:18px; border-left:1px dashed var(--line); margin-left:4px; }
.schema li { margin:3px 0; }
.prop { font-family:ui-monospace,monospace; font-weight:600; }
.type { font-family:ui-monospace,monospace; color:var(--accent); }
.req { color:var(--err); font-size:11px; margin-left:4px; }
.desc { color:var(--muted); }
.enum code { background:var(--soft); border:1px solid var(--line); border-radius:3px; padding:0 3px; margin-right:3px; }
.hidden { display:none !important; }
#error { color:var(--err); }
@media (max-width: 860px) { .layout { grid-template-columns: 1fr; } nav { position:static; height:auto; } main { padding:16px; } }
@media print { nav { display:none; } .layout { display:block; } article.op { break-inside: avoid; } }
`;
