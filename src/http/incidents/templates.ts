// The internal pages' HTML as eta templates. Auto-escaping is on, so every `<%= %>` is escaped;
// the only raw outputs (`<%~ %>`) are the layout's body and the partials, which are themselves
// these templates' escaped output. No scripts or styles from elsewhere, no build step. The one
// inline script (allowed by its per-response nonce) reloads an open incident's page, with a
// button to stop it (a timed reload the reader cannot turn off fails WCAG 2.2.1), and pauses
// while the reader is using the timeline filters.

import { STATE_PILL_CSS } from "../web/state-styles.ts";

export const LAYOUT_TEMPLATE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title><%= it.title %></title>
<style>
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.25rem 3rem; color: #1a1a1a; background: #fff; line-height: 1.45; }
  header.site { display: flex; flex-wrap: wrap; justify-content: space-between; gap: .5rem; border-bottom: 1px solid #c9c9c9; padding-bottom: .5rem; }
  h1 { font-size: 1.5rem; margin: .75rem 0; overflow-wrap: anywhere; }
  h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; }
  h3 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
  table { border-collapse: collapse; width: 100%; margin: 0 0 1rem; }
  caption { text-align: left; font-weight: 600; padding: .25rem 0; }
  th, td { text-align: left; padding: .35rem .55rem; border-bottom: 1px solid #c9c9c9; vertical-align: top; overflow-wrap: break-word; }
  thead th { background: #f1f1f1; }
${STATE_PILL_CSS}
  .meta { color: #4a4a4a; font-size: .9rem; }
  .typed { white-space: pre-wrap; overflow-wrap: anywhere; }
  .problems { border: 2px solid #8b1a10; background: #fdecea; padding: .5rem 1rem; border-radius: .4rem; }
  .brief dt { font-weight: 600; }
  .brief dd { margin: 0 0 .5rem 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }
  .postmortem { border: 1px solid #c9c9c9; border-radius: .4rem; padding: .5rem 1.25rem; }
  .postmortem pre { background: #f6f6f6; padding: .5rem; overflow-x: auto; }
  form.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; margin-bottom: 1rem; }
  form.filters label { display: flex; flex-direction: column; font-size: .9rem; }
  input, select, button { font: inherit; padding: .15rem .4rem; }
  a { color: #0b57d0; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dl.facts dt { font-weight: 600; }
  dl.facts dd { margin: 0; overflow-wrap: anywhere; }
  form.sign-out { margin: 0; }
  footer { margin-top: 2.5rem; color: #4a4a4a; font-size: .85rem; }
</style>
</head>
<body<% if (it.refreshSeconds) { %> data-refresh-seconds="<%= it.refreshSeconds %>"<% } %>>
<header class="site">
<a href="/incidents">Incidents</a>
<% if (it.viewer) { %><form class="sign-out" method="post" action="/auth/logout"><span>Signed in as <%= it.viewer %></span> <button type="submit">Sign out</button></form><% } %>
</header>
<%~ it.body %>
<footer>
<p>Times are shown in <%= it.zone %><% if (it.zone !== "UTC") { %> and in UTC<% } %>. Generated <%~ include("@time", { time: it.generated }) %>.<% if (it.refreshSeconds) { %>
<span id="refresh-note">While <%= it.refreshWhile %> this page reloads every <%= it.refreshSeconds %> seconds.</span>
<button type="button" id="stop-refresh">Stop reloading</button><% } %></p>
</footer>
<% if (it.refreshSeconds) { %>
<script nonce="<%= it.nonce %>">
const every = Number(document.body.dataset.refreshSeconds);
let timer = setTimeout(() => location.reload(), every * 1000);
const stop = (text) => {
  clearTimeout(timer);
  timer = undefined;
  document.getElementById("stop-refresh")?.remove();
  document.getElementById("refresh-note").textContent = text;
};
document.getElementById("stop-refresh").addEventListener("click", () => stop("Reloading stopped; reload the page for news."));
for (const form of document.querySelectorAll("form.filters")) {
  form.addEventListener("focusin", () => { if (timer) stop("Reloading paused while you use the filters."); });
}
</script>
<% } %>
</body>
</html>
`;

/** A time in the viewer's zone, with UTC beside it when the zone is not UTC. */
export const TIME_PARTIAL = `<time datetime="<%= it.time.iso %>"><%= it.time.local %></time><% if (it.time.local !== it.time.utc) { %> <span class="meta">(<%= it.time.utc %>)</span><% } %>`;

export const SPANS_PARTIAL = `<% for (const s of it.spans) { %><% if (s.kind === "strong") { %><strong><%= s.text %></strong><% } else if (s.kind === "em") { %><em><%= s.text %></em><% } else if (s.kind === "code") { %><code><%= s.text %></code><% } else if (s.kind === "link") { %><a href="<%= s.href %>" rel="noopener noreferrer"><%= s.text %></a><% } else { %><%= s.text %><% } %><% } %>`;

export const PERSON_PARTIAL = `<% if (it.person) { %><span data-user="<%= it.person.id %>"><%= it.person.name %></span><% } else { %>—<% } %>`;

export const LIST_TEMPLATE = `<% layout("@layout") %>
<main>
<h1>Incidents</h1>
<% for (const group of [{ id: "open", heading: "Open incidents", rows: it.page.open, empty: "No open incidents." }, { id: "ended", heading: "Resolved in the last " + it.page.recentDays + " days", rows: it.page.ended, empty: "None." }]) { %>
<section aria-labelledby="<%= group.id %>-heading">
<h2 id="<%= group.id %>-heading"><%= group.heading %></h2>
<% if (!group.rows.length) { %><p><%= group.empty %></p><% } else { %>
<table id="<%= group.id %>-incidents">
<caption><%= group.heading %> (at most <%= it.page.limit %>)</caption>
<thead><tr><th scope="col">Number</th><th scope="col">Title</th><th scope="col">Severity</th><th scope="col">Status</th><th scope="col">Commander</th><th scope="col">Started</th><th scope="col">Channel</th></tr></thead>
<tbody>
<% for (const row of group.rows) { %>
<tr data-incident="<%= row.number %>">
<th scope="row"><a href="/incidents/<%= row.number %>">INC-<%= row.number %></a></th>
<td class="typed"><%= row.title %><% if (row.isPrivate) { %> <span class="meta">(private)</span><% } %></td>
<td><%= row.severity %></td>
<td><%= row.status %><% if (row.resolved) { %><br><span class="meta">resolved <%~ include("@time", { time: row.resolved }) %></span><% } %></td>
<td><%~ include("@person", { person: row.commander }) %></td>
<td><%~ include("@time", { time: row.started }) %></td>
<td><% if (row.channel) { %><a href="<%= row.channel.url %>">#<%= row.channel.name || "channel" %></a><% } else { %>—<% } %></td>
</tr>
<% } %>
</tbody>
</table>
<% } %>
</section>
<% } %>
</main>
`;

export const PROBLEM_TEMPLATE = `<% layout("@layout") %>
<main>
<h1><%= it.heading %></h1>
<p><%= it.message %></p>
<p><a href="/incidents">All incidents</a></p>
</main>
`;
