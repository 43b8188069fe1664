// Reading a submitted modal's state (view.state.values[block_id][action_id]), validated.
import { z } from "zod";
import { type ControlCharacter, firstControlCharacter } from "../../../domain/text/control-characters.ts";

const optionSchema = z.object({ value: z.string() }).passthrough();
const valueSchema = z
  .object({
    type: z.string(),
    value: z.string().nullish(),
    selected_option: optionSchema.nullish(),
    selected_options: z.array(optionSchema).nullish(),
    selected_user: z.string().nullish(),
    selected_users: z.array(z.string()).nullish(),
  })
  .passthrough();

export const viewStateSchema = z.record(z.string(), z.record(z.string(), valueSchema));
export type ViewState = z.infer<typeof viewStateSchema>;

type Ids = { block: string; action: string };

export function textValue(state: ViewState, ids: Ids): string {
  return (state[ids.block]?.[ids.action]?.value ?? "").trim();
}

export function selectedValue(state: ViewState, ids: Ids): string | undefined {
  return state[ids.block]?.[ids.action]?.selected_option?.value;
}

export function selectedValues(state: ViewState, ids: Ids): string[] {
  return (state[ids.block]?.[ids.action]?.selected_options ?? []).map((o) => o.value);
}

export function selectedUser(state: ViewState, ids: Ids): string | undefined {
  return state[ids.block]?.[ids.action]?.selected_user ?? undefined;
}

/** The modal's private_metadata as JSON, validated; a tampered or missing one reads as {}. */
export function metadataOf<T extends z.ZodType>(
  raw: string | undefined,
  schema: T,
): z.infer<T> | Record<string, never> {
  try {
    const parsed = schema.safeParse(JSON.parse(raw || "{}"));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/**
 * The first typed text in the form that holds a control character, with its block (for the
 * field error). PostgreSQL refuses U+0000 in text, and none of them means anything in an
 * incident's record, so a form is refused at the boundary, like a slash command.
 */
export function firstControlCharacterIn(
  state: ViewState,
): { block: string; control: ControlCharacter } | null {
  for (const [block, actions] of Object.entries(state)) {
    for (const element of Object.values(actions)) {
      const control = element.value ? firstControlCharacter(element.value) : null;
      if (control) return { block, control };
    }
  }
  return null;
}
