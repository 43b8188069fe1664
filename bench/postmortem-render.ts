// 3. Postmortem render: time and memory to load and render the draft of a 20,000-entry,
// 750-responder, 3-day, 5-region incident from the database, versus simply reading those rows.
import { openDatabase } from "../src/db/client.ts";
import type { Provider } from "../src/db/database-url.ts";
import { loadPostmortemInput } from "../src/db/queries/postmortem-input.ts";
import { DEFAULT_UPDATE_CADENCE } from "../src/domain/incident/update-cadence.ts";
import { renderDraft } from "../src/services/postmortem/render-draft.ts";
import { postmortemTemplate } from "../src/services/postmortem/template-file.ts";
import { largeIncident } from "../test/fixtures/postmortem/large-incident.ts";
import { benchDatabase } from "./databases.ts";
import { withPeakHeap } from "./heap.ts";
import { percentile, round } from "./stats.ts";

const RENDER_ROUNDS = 5;

export interface RenderResult {
  provider: Provider;
  entries: number;
  readRowsMs: number;
  renderMs: number;
  /** Render (load + build + Markdown) over reading the rows. */
  ratio: number;
  renderHeapMb: number;
  markdownKb: number;
}

export async function benchPostmortemRender(provider: Provider, entries = 20_000): Promise<RenderResult> {
  const bench = await benchDatabase(provider);
  const database = await openDatabase(bench.url);
  const { db } = database;
  try {
    const input = largeIncident({ entries, responders: 750 });
    const i = input.incident;
    const incident = await db.incident.create({
      data: {
        number: i.number,
        title: i.title,
        summary: i.summary,
        severity: i.severity,
        peakSeverity: i.peakSeverity,
        status: "closed",
        isPrivate: false,
        regions: i.regions,
        services: i.services,
        declaredById: i.declaredById,
        channelName: i.channelName,
        createdAt: i.createdAt,
        updatedAt: i.createdAt,
        closedAt: input.generatedAt,
      },
    });
    for (const w of input.workstreams) {
      await db.workstream.create({
        data: {
          incidentId: incident.id,
          name: w.name,
          status: w.status,
          createdById: i.declaredById,
          createdAt: w.createdAt,
        },
      });
    }
    for (let done = 0; done < input.entries.length; done += 2000) {
      await db.timelineEntry.createMany({
        data: input.entries.slice(done, done + 2000).map((e) => ({
          incidentId: incident.id,
          workstreamId: e.workstreamId,
          kind: e.kind,
          occurredAt: e.occurredAt,
          recordedAt: e.recordedAt,
          actorId: e.actorId,
          text: e.text,
          data: e.data as object,
          tag: e.tag,
          permalink: e.permalink,
        })),
      });
    }
    await db.roleAssignment.createMany({
      data: input.roles.map((r) => ({ ...r, incidentId: incident.id, assignedById: i.declaredById })),
    });
    await db.serviceStatus.createMany({
      data: input.services.map((s) => ({ ...s, incidentId: incident.id, updatedById: i.declaredById })),
    });
    await db.milestone.createMany({
      data: input.milestones.map((m) => ({
        incidentId: incident.id,
        name: m.name,
        occurredAt: m.occurredAt,
      })),
    });

    const readRows = () =>
      db.timelineEntry.findMany({
        where: { incidentId: incident.id },
        orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      });
    // As the Store reads it (src/db/repositories/store.ts).
    const loadInput = (
      i: Parameters<typeof loadPostmortemInput>[1],
      o: Parameters<typeof loadPostmortemInput>[2],
    ) => loadPostmortemInput(db, i, o, provider);
    const options = {
      generatedAt: input.generatedAt,
      displayTimeZone: "Asia/Seoul",
      names: async () => new Map<string, string>(),
      template: postmortemTemplate(undefined),
      updateCadence: DEFAULT_UPDATE_CADENCE,
      locale: "en" as const,
    };
    const source = { postmortemInput: loadInput };
    // Warm both paths (query plans, the JIT), as a running bot would be: each runs once in
    // full before it is timed (the render used to be timed on its first run, compiling).
    await readRows();
    await renderDraft(source, incident, options);

    // Five alternating rounds, medians of each: one shot of either is at the mercy of a
    // collection or a neighbour on a shared machine. The rows read are dropped before the
    // render is timed, so their garbage is not the render's to collect.
    const reads: number[] = [];
    const renders: number[] = [];
    let peakHeapMb = 0;
    let markdownBytes = 0;
    let entriesRead = 0;
    for (let round = 0; round < RENDER_ROUNDS; round++) {
      let started = performance.now();
      entriesRead = (await readRows()).length;
      reads.push(performance.now() - started);
      if (entriesRead !== input.entries.length) throw new Error(`read ${entriesRead} rows`);
      started = performance.now();
      const { value: draft, peakMb } = await withPeakHeap(() => renderDraft(source, incident, options));
      renders.push(performance.now() - started);
      peakHeapMb = Math.max(peakHeapMb, peakMb);
      markdownBytes = Buffer.byteLength(draft.markdown);
    }
    const readRowsMs = percentile(reads, 50);
    const renderMs = percentile(renders, 50);
    return {
      provider,
      entries: entriesRead,
      readRowsMs: round(readRowsMs, 1),
      renderMs: round(renderMs, 1),
      ratio: round(renderMs / readRowsMs),
      renderHeapMb: round(peakHeapMb, 1),
      markdownKb: round(markdownBytes / 1024, 0),
    };
  } finally {
    await database.close();
    await bench.drop();
  }
}
