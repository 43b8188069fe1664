// How rotation and handoff entries read in the timeline, the channel and the postmortem.
import { formatDuration } from "../time/duration.ts";
import type { HandoffEvent } from "./handoff-events.ts";
import type { Phrase } from "./phrase.ts";

type Data = Record<string, unknown>;
const str = (data: Data, key: string) => (typeof data[key] === "string" ? (data[key] as string) : "");
const num = (data: Data, key: string) => (typeof data[key] === "number" ? (data[key] as number) : 0);

/** A person, or a user group named as such (group IDs are never turned into mentions here). */
function who(id: string): Phrase {
  return id.startsWith("S") ? ["user group ", { code: id }] : [{ user: id }];
}

function roleName(data: Data): Phrase {
  const workstream = str(data, "workstream");
  if (str(data, "role") === "lead") return ["lead of workstream ", { code: workstream || "?" }];
  return ["incident command"];
}

function utc(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

export const handoffDescribers: Record<HandoffEvent["kind"], (data: Data, text: string) => Phrase> = {
  rotation_attached: (d) => [
    str(d, "workstream") ? "Workstream " : "Incident ",
    ...(str(d, "workstream") ? [{ code: str(d, "workstream") }, " "] : []),
    "attached to rotation ",
    { code: str(d, "rotation") },
  ],
  handoff_prompted: (d) => {
    const from: Phrase = typeof d.fromUserId === "string" ? [" from ", ...who(d.fromUserId)] : [];
    const when = str(d, "boundaryAt") ? ` at the ${utc(str(d, "boundaryAt"))} shift change` : "";
    const rotation = str(d, "rotation") ? [" (rotation ", { code: str(d, "rotation") }, ")"] : [];
    return [
      d.manual ? "Handoff requested of " : "Handoff prompted of ",
      ...roleName(d),
      ...from,
      " to ",
      ...who(str(d, "toUserId")),
      when,
      ...rotation,
    ];
  },
  handoff_briefed: (d) => [
    ...(typeof d.fromUserId === "string" ? who(d.fromUserId) : ["The outgoing holder"]),
    " wrote the handoff brief for ",
    ...who(str(d, "toUserId")),
  ],
  handoff_accepted: (d) => {
    const latency = typeof d.latencyMs === "number" ? num(d, "latencyMs") : null;
    const reference = str(d, "boundaryAt") ? "the shift change" : "the request";
    const timing =
      latency === null
        ? ""
        : latency < 0
          ? ` ${formatDuration(-latency)} before ${reference}`
          : ` ${formatDuration(latency)} after ${reference}`;
    const from: Phrase = typeof d.fromUserId === "string" ? [" from ", ...who(d.fromUserId)] : [];
    const by: Phrase =
      str(d, "acceptedById") && str(d, "acceptedById") !== str(d, "toUserId")
        ? [" (accepted on their behalf by ", ...who(str(d, "acceptedById")), ")"]
        : [];
    return [...who(str(d, "toUserId")), " took over ", ...roleName(d), ...from, timing, ...by];
  },
  handoff_escalated: (d) => [
    `Handoff to `,
    ...who(str(d, "toUserId")),
    ` not accepted in time: escalation ${num(d, "escalation")} to `,
    ...who(str(d, "contactId")),
  ],
  long_shift_prompted: (d) => [
    ...who(str(d, "userId")),
    ` has held ${str(d, "role") === "lead" ? "a workstream lead" : str(d, "role") === "commander" ? "incident command" : `the ${str(d, "role")} role`} for ${Math.round(num(d, "hours") * 10) / 10}h; reminded to hand off`,
  ],
};
