// The status page's HTML, an eta template (auto-escaping on: every `<%= %>` is escaped; the
// template has no raw `<%~ %>` output). No scripts from elsewhere, no build step; the one
// inline script shows times in the viewer's zone on hover (the UTC text stays as the label)
// and, while an incident is open, reloads the page — with a button to stop it, since a timed
// reload the reader cannot turn off fails WCAG 2.2.1 (why there is no <meta http-equiv=refresh>).
import { STATE_PILL_CSS } from "../web/state-styles.ts";

export const STATUS_TEMPLATE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= it.heading %></title>
<link rel="alternate" type="application/atom+xml" title="<%= it.heading %> (Atom)" href="status.atom">
<style>
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0 auto; max-width: 60rem; padding: 1rem 1.25rem 3rem; color: #1a1a1a; background: #fff; line-height: 1.45; }
  h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
  h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; }
  h3 { font-size: 1.05rem; margin: 0 0 .25rem; }
  .overall { padding: .9rem 1rem; border-radius: .4rem; font-weight: 600; border: 2px solid; }
  .overall-operational { background: #e8f5e9; border-color: #1b5e20; color: #1b5e20; }
  .overall-incident { background: #fff4e5; border-color: #8a4b00; color: #5c3200; }
  table { border-collapse: collapse; width: 100%; }
  caption { text-align: left; font-weight: 600; padding: .25rem 0; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #c9c9c9; vertical-align: top; }
  thead th { background: #f1f1f1; }
${STATE_PILL_CSS}
  .incident { border: 1px solid #c9c9c9; border-radius: .4rem; padding: .9rem 1rem; margin: 0 0 1rem; }
  .meta { color: #4a4a4a; font-size: .9rem; margin: 0 0 .5rem; }
  ol.updates { list-style: none; padding: 0; margin: .5rem 0 0; }
  ol.updates li { border-left: 3px solid #6b6b6b; padding: .1rem 0 .1rem .75rem; margin: 0 0 .75rem; }
  .update-text { white-space: pre-wrap; overflow-wrap: anywhere; margin: .15rem 0 0; }
  footer { margin-top: 2.5rem; color: #4a4a4a; font-size: .85rem; }
  a { color: #0b57d0; }
  button { font: inherit; padding: .1rem .6rem; }
</style>
</head>
<body<% if (it.page.refreshSeconds) { %> data-refresh-seconds="<%= it.page.refreshSeconds %>"<% } %>>
<header>
<h1><%= it.heading %></h1>
<p class="overall overall-<%= it.page.overall.state %>" role="status"><%= it.page.overall.text %><% if (it.page.recovery) { %> <span>(<%= it.page.recovery %>)</span><% } %></p>
</header>
<main>
<section aria-labelledby="components-heading">
<h2 id="components-heading">Services by region</h2>
<% if (!it.page.components.length) { %>
<p>No service is affected.</p>
<% } else { %>
<table id="components">
<caption>State of each service in each region, for live data and for the historical backfill</caption>
<thead><tr><th scope="col">Service</th><th scope="col">Region</th><th scope="col">Live data</th><th scope="col">Historical backfill</th></tr></thead>
<tbody>
<% for (const component of it.page.components) { %><% for (const row of component.regions) { %>
<tr data-service="<%= component.service %>" data-region="<%= row.region %>">
<th scope="row"><%= component.service %></th>
<td><%= row.region || "all regions" %></td>
<% for (const phase of ["live", "backfill"]) { const cell = row[phase]; %>
<td data-phase="<%= phase %>"><% if (cell) { %><span class="state state-<%= cell.state %>" data-state="<%= cell.state %>"><%= it.stateLabel(cell.state) %></span> <span class="meta">since <time datetime="<%= cell.since %>"><%= it.utc(cell.since) %></time></span><% } else { %><span class="state state-none" data-state="none">not tracked</span><% } %></td>
<% } %>
</tr>
<% } %><% } %>
</tbody>
</table>
<% } %>
</section>
<section aria-labelledby="incidents-heading">
<h2 id="incidents-heading">Incidents</h2>
<% if (!it.page.incidents.length) { %>
<p>No incidents in the last <%= it.resolvedDays %> days.</p>
<% } %>
<% for (const incident of it.page.incidents) { %>
<article class="incident" id="incident-<%= incident.number %>" aria-labelledby="incident-<%= incident.number %>-title">
<h3 id="incident-<%= incident.number %>-title"><%= incident.title %></h3>
<p class="meta"><strong><%= incident.open ? it.statusLabel(incident.status) : "Resolved" %></strong>
· started <time datetime="<%= incident.declaredAt %>"><%= it.utc(incident.declaredAt) %></time><% if (incident.resolvedAt) { %>
· resolved <time datetime="<%= incident.resolvedAt %>"><%= it.utc(incident.resolvedAt) %></time><% } %><% if (incident.recovery) { %>
· <%= incident.recovery %><% } %></p>
<% if (incident.updates.length) { %>
<ol class="updates" aria-label="Updates, newest first">
<% for (const update of incident.updates) { %>
<li id="update-<%= update.id %>"><time datetime="<%= update.at %>"><%= it.utc(update.at) %></time><p class="update-text"><%= update.text %></p></li>
<% } %>
</ol>
<% } else { %>
<p>We are looking into it; the first update follows shortly.</p>
<% } %>
</article>
<% } %>
</section>
</main>
<footer>
<p>Times are UTC<span id="local-zone"></span>. Updated <time datetime="<%= it.page.generatedAt %>"><%= it.utc(it.page.generatedAt) %></time>.<% if (it.page.refreshSeconds) { %>
<span id="refresh-note">While an incident is open this page reloads every <%= it.page.refreshSeconds %> seconds.</span>
<button type="button" id="stop-refresh">Stop reloading</button><% } %>
Also as <a href="status.json">JSON</a> and an <a href="status.atom">Atom feed</a>.</p>
</footer>
<script>
for (const t of document.querySelectorAll("time[datetime]")) {
  const d = new Date(t.getAttribute("datetime"));
  if (!Number.isNaN(d.getTime())) t.title = d.toLocaleString();
}
const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
if (zone && zone !== "UTC") document.getElementById("local-zone").textContent = "; hover a time for " + zone;
const every = Number(document.body.dataset.refreshSeconds);
if (every > 0) {
  const timer = setTimeout(() => location.reload(), every * 1000);
  document.getElementById("stop-refresh").addEventListener("click", (event) => {
    clearTimeout(timer);
    event.target.remove();
    document.getElementById("refresh-note").textContent = "Reloading stopped; reload the page for news.";
  });
}
</script>
</body>
</html>
`;
