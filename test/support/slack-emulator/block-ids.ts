// Slack fills in a block_id for every block sent without one, and an action_id for every
// interactive element without one, and returns them in the stored message or view.
// Interaction payloads carry these ids, so the emulator has to assign them the same way.
import { isRecord } from "./args.ts";

const NO_ACTION_ID = new Set(["image", "plain_text", "mrkdwn"]);

/** A copy of `blocks` with ids filled in (objects that already have ids are reused as-is). */
export function withGeneratedIds(blocks: unknown[], nextId: (length: number) => string): unknown[] {
  const used = new Set<string>();
  for (const block of blocks)
    if (isRecord(block) && typeof block.block_id === "string") used.add(block.block_id);
  const freshBlockId = (): string => {
    let id = nextId(4);
    while (used.has(id)) id = nextId(4);
    used.add(id);
    return id;
  };
  return blocks.map((block) => {
    if (!isRecord(block)) return block;
    const copy: Record<string, unknown> = { ...block };
    if (typeof copy.block_id !== "string") copy.block_id = freshBlockId();
    if (Array.isArray(copy.elements) && (copy.type === "actions" || copy.type === "context_actions")) {
      copy.elements = copy.elements.map((element) => withActionId(element, nextId));
    }
    if (copy.accessory !== undefined) copy.accessory = withActionId(copy.accessory, nextId);
    if (copy.element !== undefined) copy.element = withActionId(copy.element, nextId);
    return copy;
  });
}

function withActionId(element: unknown, nextId: (length: number) => string): unknown {
  if (!isRecord(element) || typeof element.action_id === "string") return element;
  if (typeof element.type !== "string" || NO_ACTION_ID.has(element.type)) return element;
  return { ...element, action_id: nextId(5) };
}
