// `rotation detach [<name>] [--workstream <name>]`, beside attaching (whose shape is unchanged).
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/domain/command/dispatch.ts";
import { rotationVerb } from "../../src/domain/command/verbs/rotation.ts";

describe("detaching a rotation from text", () => {
  const parse = (text: string) => parseCommand([rotationVerb] as never[], text, "rotation").args;

  it("reads the rotation named, or none (whatever is attached), and a workstream", () => {
    expect(parse("rotation detach Follow-The-Sun")).toEqual({
      rotation: "follow-the-sun",
      workstream: null,
      confirm: false,
      withGroups: false,
      detach: true,
    });
    expect(parse("rotation detach --workstream us1")).toMatchObject({
      rotation: "",
      workstream: "us1",
      detach: true,
    });
  });

  it("refuses attach-only options, and still attaches otherwise", () => {
    expect(() => parse("rotation detach follow-the-sun --confirm")).toThrow(/takes only `--workstream/);
    expect(parse("rotation follow-the-sun")).not.toHaveProperty("detach");
  });
});
