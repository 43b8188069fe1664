// The controls' pure parts: the one "When did this happen?" builder and its parser, the forms
// prefilled with the current state (and what they remember of it for the stale check), and the
// controls block, each within Slack's limits.
import { describe, expect, it } from "vitest";
import { DomainError } from "../../../src/domain/errors.ts";
import type { IncidentView } from "../../../src/domain/incident/incident-view.ts";
import { AT_FIELD } from "../../../src/domain/time/parse-time.ts";
import type { ControlFormModel } from "../../../src/services/controls/control-form.ts";
import { CONTROL_ACTIONS, CONTROL_INPUTS } from "../../../src/slack/ids.ts";
import { whenValue } from "../../../src/slack/listeners/views/when-value.ts";
import {
  rolesForm,
  serviceForm,
  severityForm,
  shownBoard,
  statusForm,
} from "../../../src/slack/views/control-forms.ts";
import { handOverForm } from "../../../src/slack/views/control-forms-more.ts";
import { controlsBlock, outsideMenu } from "../../../src/slack/views/controls.ts";
import { pickerSeconds, whenField } from "../../../src/slack/views/when-field.ts";
import { checkMessage, checkView } from "../../support/slack-emulator/block-kit-rules.ts";

const OPENED = new Date("2026-03-08T06:10:42.500Z");
const when = (value: unknown) => ({
  [CONTROL_INPUTS.when.block]: {
    [CONTROL_INPUTS.when.action]: { type: "datetimepicker", selected_date_time: value },
  },
});

function model(
  overrides: Partial<ControlFormModel> = {},
  services: IncidentView["services"] = [],
): ControlFormModel {
  const view = {
    incident: {
      id: 4,
      number: 7,
      title: "Intake <down> & *out*",
      severity: 2,
      status: "identified",
      isPrivate: false,
    },
    roles: [{ role: "commander", userId: "U0ALEX" }],
    workstreams: [],
    services,
    milestones: [],
  } as unknown as IncidentView;
  return {
    control: "severity",
    view,
    workstream: null,
    leaderId: "U0ALEX",
    refusals: { deescalate: null, resolve: null },
    openedAt: OPENED,
    ...overrides,
  };
}

const metadataOf = (form: { private_metadata: string }) => JSON.parse(form.private_metadata);

describe("When did this happen?", () => {
  it("is one optional datetimepicker on the block the time rules name, defaulting to when the form opened", () => {
    const block = whenField(OPENED) as unknown as {
      block_id: string;
      optional: boolean;
      element: Record<string, unknown>;
    };
    expect(block.block_id).toBe(AT_FIELD);
    expect(block.optional).toBe(true);
    expect(block.element).toMatchObject({ type: "datetimepicker", initial_date_time: 1772950242 });
    expect(pickerSeconds(OPENED)).toBe(1772950242);
  });

  it("reads an untouched or cleared picker as now, and a chosen instant as that instant", () => {
    expect(whenValue({}, 1772950242)).toBeNull();
    expect(whenValue(when(null), 1772950242)).toBeNull();
    expect(whenValue(when(1772950242), 1772950242)).toBeNull();
    expect(whenValue(when(1772949900), 1772950242)?.toISOString()).toBe("2026-03-08T06:05:00.000Z");
    // A picker the form never showed a default for (older form): any value is that instant.
    expect(whenValue(when(1772950242), undefined)?.toISOString()).toBe("2026-03-08T06:10:42.000Z");
  });

  it("refuses a value that is not an instant, under the When field", () => {
    for (const bad of ["tomorrow", 1.5, -3, 1e15]) {
      let error: unknown;
      try {
        whenValue(when(bad), 1772950242);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).field).toBe(CONTROL_INPUTS.when.block);
    }
  });
});

describe("control forms", () => {
  it("prefill the current severity, say who may lower it, and remember what they showed", () => {
    const plain = severityForm(model());
    expect(JSON.stringify(plain.blocks)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"SEV2 (major)"',
    );
    expect(JSON.stringify(plain.blocks)).not.toContain(":lock:");
    expect(metadataOf(plain)).toEqual({ i: 4, w: null, t: 1772950242, s: 2 });
    const refused = severityForm(
      model({ refusals: { deescalate: "Only the commander (<@U0ALEX>) can.", resolve: null } }),
    );
    expect(JSON.stringify(refused.blocks)).toContain("Lowering it: Only the commander (<@U0ALEX>) can.");
    expect(checkView(refused)).toEqual([]);
  });

  it("show user text as plain text, never as markup", () => {
    const form = statusForm(model());
    // plain_text shows `*` as typed; angle brackets are defused as everywhere plain text goes.
    expect(JSON.stringify(form.blocks[0])).toContain(
      '"type":"plain_text","text":"INC-7: Intake ‹down› & *out*"',
    );
    expect(metadataOf(form).s).toBe("identified");
  });

  it("offer a workstream's lead on its roles form, with the holders it showed", () => {
    const workstream = {
      id: 9,
      name: "eu1",
      status: "investigating",
      leadId: "U0BLAIR",
    } as ControlFormModel["workstream"];
    const form = rolesForm(model({ workstream, leaderId: "U0BLAIR" }));
    expect(metadataOf(form)).toMatchObject({
      w: 9,
      s: { lead: "U0BLAIR", commander: "U0ALEX", comms: null },
    });
    expect(JSON.stringify(form.blocks)).toContain("*Workstream lead:* <@U0BLAIR>");
    expect(checkView(form)).toEqual([]);
    expect(metadataOf(handOverForm(model({ workstream, leaderId: "U0BLAIR" }))).s).toEqual({
      leader: "U0BLAIR",
      workstream: "eu1",
    });
  });

  it("remember as much of a large board as fits, and say when they could not remember all of it", () => {
    const row = (n: number) => ({
      id: n,
      incidentId: 4,
      service: `service-${n}`,
      region: `region-${n % 40}`,
      phase: "live" as const,
      state: "degraded" as const,
      note: "",
      workstreamId: null,
      updatedById: "U0ALEX",
      updatedAt: OPENED,
      recoveredAt: null,
    });
    const small = shownBoard(model({}, [row(1), row(2)]));
    expect(small).toEqual({
      rows: { "service-1|region-1|live": "degraded", "service-2|region-2|live": "degraded" },
      complete: true,
    });
    const big = model(
      {},
      Array.from({ length: 400 }, (_, n) => row(n)),
    );
    const shown = shownBoard(big);
    expect(shown.complete).toBe(false);
    expect(Object.keys(shown.rows).length).toBeGreaterThan(20);
    const form = serviceForm(big);
    expect(form.private_metadata.length).toBeLessThan(2200);
    expect(JSON.stringify(form.blocks)).toContain("…and 385 more rows on the pinned board.");
    expect(checkView(form)).toEqual([]);
  });
});

describe("the controls block", () => {
  it("fits one actions block and names what it acts on in every value", () => {
    const block = controlsBlock({ incidentId: 4, workstreamId: 9 }) as unknown as {
      elements: Record<string, unknown>[];
    };
    expect(block.elements.length).toBeLessThanOrEqual(25);
    const ids = block.elements.map((e) => e.action_id);
    expect(ids).toContain(CONTROL_ACTIONS.handOver);
    for (const element of block.elements.filter((e) => e.type === "button"))
      expect(element.value).toBe("4:9");
    expect(checkMessage({ text: "summary", blocks: [block] })).toEqual([]);
    expect(checkMessage(outsideMenu())).toEqual([]);
  });
});
