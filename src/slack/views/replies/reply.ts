// What the person who acted sees in answer (ephemeral unless `inChannel`).
import type { Block } from "../blocks.ts";

export interface Reply {
  text: string;
  blocks?: Block[];
  inChannel?: boolean;
}
