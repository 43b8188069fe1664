// The declare form (from `/incident declare` without a title, the App Home button, the global
// shortcut, or the message shortcut, which prefills it from the message).

import { TITLE_MAX } from "../../domain/command/verbs/declare.ts";
import { SEVERITY_NAMES, SEVERITY_VALUES } from "../../domain/incident/severity.ts";
import { INPUTS, VIEWS } from "../ids.ts";
import { input, type Modal, option, plain } from "./blocks.ts";
import { LIMITS } from "./limits.ts";

export interface DeclareModalMetadata {
  /** The slash command's response_url, to tell the declarer when the channel is ready. */
  responseUrl?: string;
  /** The message it is declared from (message shortcut), linked from the timeline. */
  source?: { channelId: string; ts: string };
}

/** What the form starts with (a message shortcut prefills title and summary from the message). */
export interface DeclarePrefill {
  title?: string;
  summary?: string;
  /** The configured rotations, offered as an optional field (none: no field). */
  rotations?: string[];
}

export function declareModal(
  declarerId: string,
  metadata: DeclareModalMetadata,
  prefill: DeclarePrefill = {},
): Modal {
  const severities = SEVERITY_VALUES.map((s) => option(`SEV${s} — ${SEVERITY_NAMES[s]}`, String(s)));
  return {
    type: "modal",
    callback_id: VIEWS.declare,
    title: plain("Declare an incident", LIMITS.modalTitle),
    submit: plain("Declare", LIMITS.modalButton),
    close: plain("Cancel", LIMITS.modalButton),
    private_metadata: JSON.stringify(metadata).slice(0, LIMITS.privateMetadata),
    blocks: [
      input(INPUTS.title, "Title", {
        type: "plain_text_input",
        max_length: TITLE_MAX,
        placeholder: plain("What is broken, for whom?"),
        ...(prefill.title ? { initial_value: prefill.title.slice(0, TITLE_MAX) } : {}),
      }),
      input(INPUTS.severity, "Severity", {
        type: "static_select",
        options: severities,
        initial_option: severities[2],
      }),
      input(
        INPUTS.summary,
        "Summary",
        {
          type: "plain_text_input",
          multiline: true,
          max_length: LIMITS.inputMaxLength,
          ...(prefill.summary ? { initial_value: prefill.summary.slice(0, LIMITS.inputMaxLength) } : {}),
        },
        { optional: true },
      ),
      input(
        INPUTS.regions,
        "Affected regions",
        { type: "plain_text_input", placeholder: plain("us1, eu1, ap1") },
        { optional: true, hint: plain("Comma-separated") },
      ),
      input(
        INPUTS.services,
        "Affected services",
        { type: "plain_text_input", placeholder: plain("logs, metrics, alerting") },
        { optional: true, hint: plain("Comma-separated") },
      ),
      input(INPUTS.commander, "Incident commander", { type: "users_select", initial_user: declarerId }),
      input(
        INPUTS.private,
        "Visibility",
        {
          type: "checkboxes",
          options: [
            {
              text: plain("Private incident"),
              description: plain("Private channel, no public announcement, listed only to its members"),
              value: "private",
            },
          ],
        },
        { optional: true },
      ),
      ...rotationField(prefill.rotations ?? []),
    ],
  };
}

/** Attach the new incident to a rotation at once (its shift on duty is invited). */
function rotationField(rotations: string[]) {
  if (!rotations.length) return [];
  return [
    input(
      INPUTS.rotation,
      "Rotation",
      {
        type: "static_select",
        placeholder: plain("None"),
        options: rotations.slice(0, LIMITS.options).map((name) => option(name, name)),
      },
      {
        optional: true,
        hint: plain(
          "Shift changes then prompt handoffs, and the shift on duty is invited. For a private incident, attach it in its channel (you see who would be added first).",
        ),
      },
    ),
  ];
}
