import { badInput } from "../../errors.ts";
import { atOption } from "../at-option.ts";
import { defineVerb } from "../verb.ts";

export const SERVICE_STATES = ["operational", "degraded", "outage", "recovering", "recovered"] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];
const NAME = /^[a-z0-9][a-z0-9._-]{0,39}$/;

export interface ServiceArgs {
  service: string;
  state: ServiceState;
  region: string;
  phase: "live" | "backfill";
  note: string;
  /** The `--at` text, parsed against the clock by the handler. */
  at: string | null;
}

/** A service or region name as the board keeps it (lower case), or a refusal (on `field`, in a form). */
export function boardName(text: string | undefined, what: string, field?: string): string {
  const value = (text ?? "").trim().toLowerCase();
  if (!NAME.test(value))
    throw badInput(`A ${what} name is 1–40 characters of a-z, 0-9, \`.\`, \`-\` or \`_\`.`, field);
  return value;
}

const name = (text: string | undefined, what: string) => boardName(text, what);

export const serviceVerb = defineVerb<ServiceArgs>({
  name: "service",
  aliases: ["svc", "board"],
  syntax: `service <name> <${SERVICE_STATES.join("|")}> [--region r] [--phase live|backfill] [--at <time>] [note]`,
  summary:
    "Updates the recovery board: a service's state per region, for live data or the historical backfill.",
  group: "Workstreams and recovery",
  needsIncident: true,
  arguments: {
    options: { region: { value: true }, phase: { value: true }, at: { value: true } },
    freeText: true,
  },
  parse(parsed) {
    const [service, state] = parsed.words;
    if (!service || !state)
      throw badInput("Give the service and its state, e.g. `service logs recovering --region us1`.");
    const stateValue = state.value.toLowerCase();
    const match = SERVICE_STATES.find((s) => s === stateValue);
    if (!match) throw badInput(`The state must be one of: ${SERVICE_STATES.join(", ")}.`);
    const region = parsed.options.get("region");
    const phase = parsed.options.get("phase");
    if (region === true || phase === true) throw badInput("`--region` and `--phase` need a value.");
    if (phase !== undefined && phase !== "live" && phase !== "backfill")
      throw badInput("`--phase` is `live` or `backfill`.");
    return {
      service: name(service.value, "service"),
      state: match,
      region: region ? name(region, "region") : "",
      phase: (phase as "live" | "backfill" | undefined) ?? "live",
      note: parsed.textFrom(2),
      at: atOption(parsed),
    };
  },
});
