// Waits until a running bot's outbox has delivered everything that is due now. A lane counts
// by its first pending message only: later ones wait behind it (e.g. behind a Retry-After).
import type { RunningBot } from "../../src/bot.ts";

async function dueLanes(bot: RunningBot): Promise<string[]> {
  const pending = await bot.deps.database.db.outboxMessage.findMany({
    where: { status: "pending" },
    orderBy: { id: "asc" },
    select: { lane: true, nextAttemptAt: true },
  });
  const heads = new Map<string, Date>();
  for (const message of pending) if (!heads.has(message.lane)) heads.set(message.lane, message.nextAttemptAt);
  const now = bot.clock.now();
  return [...heads].filter(([, at]) => at <= now).map(([lane]) => lane);
}

export async function settleOutbox(bot: RunningBot, rounds = 200): Promise<void> {
  let due: string[] = [];
  for (let round = 0; round < rounds; round++) {
    await bot.outbox.drain();
    due = await dueLanes(bot);
    if (due.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`the outbox did not settle (lanes still due: ${due.join(", ")})`);
}
