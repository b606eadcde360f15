// The stylesheet and the script the map's page and SVG carry inline (the page's Content-Security-Policy allows
// exactly these by hash). Colours are light fills with dark text, so the map prints; status shows as words too.

export const DIAGRAM_CSS = `
.pki-map { font-family: system-ui, sans-serif; font-size: 12px; max-width: 100%; height: auto; overflow: visible; }
.pki-map .block { fill: #f4f6f9; stroke: #c3cad5; }
.pki-map .heading { font-weight: 700; font-size: 14px; fill: #1b1f24; }
.pki-map .box { stroke: #3d4654; stroke-width: 1.2; }
.pki-map .role-authority .box { fill: #23406b; }
.pki-map .role-authority text { fill: #ffffff; }
.pki-map .role-client .box { fill: #dbe9fb; }
.pki-map .role-server .box { fill: #d9f2dd; }
.pki-map .role-peer .box { fill: #ece0f8; }
.pki-map .component .box { fill: #fff1cc; stroke: #8a6d1f; }
.pki-map .name { font-weight: 700; font-size: 13px; fill: #111; }
.pki-map .meta { font-size: 11px; fill: #2b313a; }
.pki-map .status-expired .box, .pki-map .status-missing .box, .pki-map .status-faulty .box { stroke: #b00020; stroke-width: 3.5; }
.pki-map .status-missing .box { stroke-dasharray: 7 3; }
.pki-map .status-expiring .box { stroke: #b86e00; stroke-width: 3.5; stroke-dasharray: 2 2; }
.pki-map .edge { fill: none; stroke: #56657c; stroke-opacity: 0.3; stroke-width: 1.2; }
.pki-map .edge.part-key { stroke-dasharray: 6 3; }
.pki-map .edge.part-kubeconfig { stroke-dasharray: 1.5 2.5; }
.pki-map .edge.status-missing { stroke: #b00020; stroke-opacity: 0.95; stroke-width: 2.2; }
.pki-map .edge.lit { stroke: #0b57d0; stroke-opacity: 1; stroke-width: 2.6; }
.pki-map .node { cursor: pointer; }
.pki-map .node:focus { outline: none; }
.pki-map .node.related .box { stroke: #0b57d0; stroke-width: 3; }
.pki-map .node:focus .box, .pki-map .node:hover .box { stroke: #000000; stroke-width: 4; }
.pki-map .card { display: none; }
.pki-map .card.shown { display: inline; }
.pki-map .card rect { fill: #fffef6; stroke: #1b1f24; stroke-width: 1.5; }
.pki-map .card text { font-size: 12px; fill: #111; }
.pki-map .card .k { font-weight: 700; }
.pki-map .legend text { font-size: 12px; fill: #1b1f24; }
.pki-map .legend .edge { stroke-opacity: 1; stroke-width: 2.2; stroke: #56657c; }
.timeline { font-family: system-ui, sans-serif; font-size: 11px; max-width: 100%; height: auto; }
.timeline .label { fill: #111; }
.timeline .label.ca { font-weight: 700; }
.timeline .axis line { stroke: #9aa3b0; }
.timeline .axis text { fill: #333; }
.timeline .bar { fill: #7f9cc9; }
.timeline .bar.ca { fill: #23406b; }
.timeline .bar.status-expired { fill: #b00020; }
.timeline .bar.status-expiring { fill: #d98a00; }
.timeline .today line { stroke: #b00020; stroke-width: 2; }
.timeline .today text { fill: #b00020; font-weight: 700; }
.timeline .state { fill: #222; }
.timeline .state.alarm { fill: #b00020; font-weight: 700; }
@media print {
  .pki-map .card { display: none !important; }
  .pki-map .edge { stroke-opacity: 0.5; }
}
`;

export const PAGE_CSS = `
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1b1f24; background: #ffffff; }
h1 { font-size: 1.5rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; }
p.source { margin: 0 0 1rem; color: #3d4654; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.85rem; }
th, td { border: 1px solid #c3cad5; padding: 0.2rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
td.alarm { color: #b00020; font-weight: 700; }
a:focus, .node:focus-visible { outline: 3px solid #0b57d0; }
ul.findings li { margin: 0.2rem 0; }
@media print {
  body { margin: 0; }
  .scroll { overflow: visible; }
  svg { max-width: 100%; height: auto; page-break-inside: avoid; }
  section { page-break-before: auto; }
}
${DIAGRAM_CSS}`;

/** Hover or focus a node: its card shows and its edges light up. Arrow keys move between nodes, Escape hides. */
export const DIAGRAM_SCRIPT = `
(function () {
  var svg = document.querySelector('svg.pki-map');
  if (!svg) return;
  var nodes = Array.prototype.slice.call(svg.querySelectorAll('.node'));
  function clear() {
    Array.prototype.forEach.call(svg.querySelectorAll('.shown, .lit, .related'), function (e) { e.classList.remove('shown', 'lit', 'related'); });
  }
  function show(node) {
    clear();
    if (!node) return;
    var card = svg.querySelector('#card-' + node.id);
    if (card) card.classList.add('shown');
    Array.prototype.forEach.call(svg.querySelectorAll('.edges .edge'), function (e) {
      var ends = (e.getAttribute('data-ends') || '').split(' ');
      if (ends.indexOf(node.id) < 0) return;
      e.classList.add('lit');
      ends.forEach(function (id) { var other = svg.querySelector('#' + id); if (other && other !== node) other.classList.add('related'); });
    });
  }
  function nodeOf(target) { return target && target.closest ? target.closest('.node') : null; }
  svg.addEventListener('focusin', function (ev) { show(nodeOf(ev.target)); });
  svg.addEventListener('focusout', function () { clear(); });
  svg.addEventListener('mouseover', function (ev) { var n = nodeOf(ev.target); if (n) show(n); });
  svg.addEventListener('mouseleave', function () { show(nodeOf(document.activeElement)); });
  svg.addEventListener('keydown', function (ev) {
    var n = nodeOf(ev.target);
    if (!n) return;
    if (ev.key === 'Escape') { clear(); return; }
    var step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[ev.key];
    if (!step) return;
    var next = nodes[(nodes.indexOf(n) + step + nodes.length) % nodes.length];
    if (next) { ev.preventDefault(); next.focus(); }
  });
})();
`;
