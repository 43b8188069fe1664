// /incidents/<number> as an eta template (auto-escaped; see templates.ts for the rules): the
// summary, the recovery board (same rows and states as the Slack board), roles and their
// history, handoffs with their briefs, the filtered timeline and the postmortem draft.
export const INCIDENT_TEMPLATE = `<% layout("@layout") %>
<% const p = it.page; const t = (time) => include("@time", { time }); const who = (person) => include("@person", { person }); %>
<main>
<h1 id="title">INC-<%= p.number %>: <span class="typed"><%= p.title %></span></h1>
<section aria-labelledby="summary-heading">
<h2 id="summary-heading">Summary</h2>
<dl class="facts" id="summary">
<dt>Severity</dt><dd data-field="severity"><%= p.severity %></dd>
<dt>Status</dt><dd data-field="status"><%= p.status %><% if (p.isPrivate) { %> · private incident<% } %></dd>
<dt>Commander</dt><dd data-field="commander"><%~ who(p.commander) %></dd>
<% for (const role of p.roles.filter((r) => r.title !== "Incident commander")) { %><dt><%= role.title %></dt><dd><%~ who(role.person) %></dd><% } %>
<dt>Channel</dt><dd><% if (p.channel) { %><a href="<%= p.channel.url %>">#<%= p.channel.name || p.channel.id %></a><% } else { %>—<% } %></dd>
<dt>Started</dt><dd><%~ t(p.started) %></dd>
<% if (p.resolved) { %><dt>Resolved</dt><dd><%~ t(p.resolved) %></dd><% } %>
<% if (p.closed) { %><dt>Closed</dt><dd><%~ t(p.closed) %></dd><% } %>
<dt>Summary</dt><dd class="typed" data-field="summary"><%= p.summary || "—" %></dd>
</dl>
<% if (p.workstreams.length) { %>
<table id="workstreams">
<caption>Workstreams</caption>
<thead><tr><th scope="col">Workstream</th><th scope="col">Status</th><th scope="col">Lead</th></tr></thead>
<tbody><% for (const w of p.workstreams) { %><tr><th scope="row" class="typed"><%= w.name %></th><td><%= w.status %></td><td><%~ who(w.lead) %></td></tr><% } %></tbody>
</table>
<% } %>
</section>

<section aria-labelledby="board-heading">
<h2 id="board-heading">Recovery board</h2>
<% if (!p.board.rows.length) { %><p>No services tracked yet.</p><% } else { %>
<p id="board-tally"><%= p.board.tally %></p>
<table id="board">
<caption>Each service in each region, for live data and for the historical backfill</caption>
<thead><tr><th scope="col">Service</th><th scope="col">Region</th><th scope="col">Live data</th><th scope="col">Historical backfill</th></tr></thead>
<tbody>
<% for (const row of p.board.rows) { %>
<tr data-service="<%= row.service %>" data-region="<%= row.region %>">
<th scope="row" class="typed"><%= row.service %></th>
<td class="typed"><%= row.region || "all regions" %></td>
<% for (const phase of ["live", "backfill"]) { const cell = row[phase]; %>
<td data-phase="<%= phase %>"><% if (cell) { %><span class="state state-<%= cell.state %>" data-state="<%= cell.state %>"><%= cell.state %></span> <span class="meta">since <%~ t(cell.since) %></span><% if (cell.note) { %><br><span class="typed"><%= cell.note %></span><% } %><% } else { %><span class="state state-none" data-state="none">not tracked</span><% } %></td>
<% } %>
</tr>
<% } %>
</tbody>
</table>
<% } %>
</section>

<section aria-labelledby="roles-heading">
<h2 id="roles-heading">Roles over time</h2>
<% if (!p.roleHistory.length) { %><p>Nobody has held a role yet.</p><% } else { %>
<table id="role-history">
<caption>Everyone who held a role, in the order they took it</caption>
<thead><tr><th scope="col">Role</th><th scope="col">Person</th><th scope="col">From</th><th scope="col">Until</th></tr></thead>
<tbody><% for (const h of p.roleHistory) { %><tr><td><%= h.title %><% if (h.workstream) { %> of <span class="typed"><%= h.workstream %></span><% } %></td><td><%~ who(h.person) %></td><td><%~ t(h.from) %></td><td><% if (h.to) { %><%~ t(h.to) %><% } else { %>now<% } %></td></tr><% } %></tbody>
</table>
<% } %>
</section>

<section aria-labelledby="handoffs-heading">
<h2 id="handoffs-heading">Handoffs</h2>
<% if (!p.handoffs.length) { %><p>No handoffs yet.</p><% } %>
<% for (const h of p.handoffs) { %>
<article class="handoff" id="handoff-<%= h.id %>" aria-labelledby="handoff-<%= h.id %>-heading">
<h3 id="handoff-<%= h.id %>-heading"><%= h.role %><% if (h.workstream) { %> of <span class="typed"><%= h.workstream %></span><% } %>: <%~ who(h.from) %> → <%~ who(h.to) %></h3>
<p class="meta">State: <strong data-state="<%= h.state %>"><%= h.state %></strong><% if (h.rotation) { %> · rotation <%= h.rotation %><% } %> · asked <%~ t(h.prompted) %><% if (h.briefed) { %> · briefed <%~ t(h.briefed) %><% } %><% if (h.accepted) { %> · accepted <%~ t(h.accepted) %> by <%~ who(h.acceptedBy) %><% } %><% if (h.escalations) { %> · escalated <%= h.escalations %> time<%= h.escalations === 1 ? "" : "s" %><% } %><% if (h.nextEscalation && !h.accepted) { %> · next escalation <%~ t(h.nextEscalation) %><% } %></p>
<% if (h.brief.length) { %><dl class="brief"><% for (const field of h.brief) { %><dt><%= field.label %></dt><dd><%= field.text || "—" %></dd><% } %></dl><% } else { %><p>No brief yet.</p><% } %>
</article>
<% } %>
</section>

<section aria-labelledby="timeline-heading">
<h2 id="timeline-heading">Timeline</h2>
<form class="filters" method="get" action="/incidents/<%= p.number %>#timeline-heading" aria-label="Timeline filters">
<label>Workstream<select name="workstream"><option value="">All</option><% for (const w of p.workstreams) { %><option value="<%= w.name %>"<%= it.query.workstream === w.name ? " selected" : "" %>><%= w.name %></option><% } %></select></label>
<label>Kind<select name="kind"><option value="">All</option><% for (const kind of it.kinds) { %><option value="<%= kind %>"<%= it.query.kind === kind ? " selected" : "" %>><%= kind.replace(/_/g, " ") %></option><% } %></select></label>
<label>From (<%= p.zone %>)<input type="datetime-local" name="from" value="<%= it.query.from %>"></label>
<label>To (<%= p.zone %>)<input type="datetime-local" name="to" value="<%= it.query.to %>"></label>
<button type="submit">Filter</button>
<a href="/incidents/<%= p.number %>#timeline-heading">Clear filters</a>
</form>
<% if (it.problems.length) { %>
<div class="problems" role="alert" id="filter-problems"><p>Some filters could not be used:</p><ul><% for (const problem of it.problems) { %><li><%= problem %></li><% } %></ul></div>
<% } %>
<p class="meta" id="timeline-count"><%= p.timeline.total %> entr<%= p.timeline.total === 1 ? "y" : "ies" %><% if (p.timeline.pages > 1) { %>, page <%= p.timeline.page %> of <%= p.timeline.pages %><% } %>.</p>
<% if (p.timeline.entries.length) { %>
<table id="timeline">
<caption>Timeline, oldest first</caption>
<thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Workstream</th><th scope="col">By</th></tr></thead>
<tbody>
<% for (const e of p.timeline.entries) { %>
<tr id="entry-<%= e.id %>" data-kind="<%= e.kind %>">
<td><%~ t(e.at) %></td>
<td class="typed"><% for (const part of e.parts) { %><% if (part.kind === "strong") { %><strong><%= part.text %></strong><% } else if (part.kind === "code") { %><code><%= part.text %></code><% } else if (part.kind === "person") { %><span class="person">@<%= part.text %></span><% } else { %><%= part.text %><% } %><% } %><% if (e.permalink) { %> <a href="<%= e.permalink %>" rel="noopener noreferrer">message</a><% } %></td>
<td class="typed"><%= e.workstream || "" %></td>
<td><%~ who(e.actor) %></td>
</tr>
<% } %>
</tbody>
</table>
<% } %>
<% if (p.timeline.pages > 1) { %>
<nav aria-label="Timeline pages"><% if (p.timeline.page > 1) { %><a href="<%= it.pageLink(p.timeline.page - 1) %>">Earlier entries</a> <% } %><% if (p.timeline.page < p.timeline.pages) { %><a href="<%= it.pageLink(p.timeline.page + 1) %>">Later entries</a><% } %></nav>
<% } %>
</section>

<section aria-labelledby="postmortem-heading">
<h2 id="postmortem-heading">Postmortem draft</h2>
<p>Download: <a href="/incidents/<%= p.number %>/postmortem.md" download="<%= p.postmortem.filename %>">Markdown</a> · <a href="/incidents/<%= p.number %>/postmortem.json">JSON</a></p>
<article class="postmortem" aria-label="Postmortem draft">
<% for (const block of it.postmortem) { %>
<% if (block.kind === "heading") { const level = block.level; %><<%= "h" + level %>><%~ include("@spans", { spans: block.spans }) %></<%= "h" + level %>>
<% } else if (block.kind === "paragraph") { %><p><%~ include("@spans", { spans: block.spans }) %></p>
<% } else if (block.kind === "list") { %><ul><% for (const item of block.items) { %><li><%~ include("@spans", { spans: item }) %></li><% } %></ul>
<% } else if (block.kind === "table") { %><table><thead><tr><% for (const cell of block.head) { %><th scope="col"><%~ include("@spans", { spans: cell }) %></th><% } %></tr></thead><tbody><% for (const row of block.rows) { %><tr><% for (const cell of row) { %><td><%~ include("@spans", { spans: cell }) %></td><% } %></tr><% } %></tbody></table>
<% } else { %><pre><code><%= block.text %></code></pre>
<% } %>
<% } %>
</article>
</section>
</main>
`;
