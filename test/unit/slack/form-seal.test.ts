// The seal on forms and the response_url rule, without Slack: what production accepts.
import { describe, expect, it } from "vitest";
import { sealForm, unsealForm } from "../../../src/slack/form-seal.ts";
import { responseUrlPolicy } from "../../../src/slack/response-urls.ts";

const config = { slack: { signingSecret: "s3cret", botToken: "xoxb-1" } } as never;
const view = { callback_id: "incident.post_update", private_metadata: '{"incidentId":7}' };

describe("form seal", () => {
  it("gives back the metadata for the person the form was opened for", () => {
    const sealed = sealForm(config, view, "U1");
    const submission = { callbackId: view.callback_id, privateMetadata: sealed.private_metadata };
    expect(unsealForm(config, { ...submission, userId: "U1" })).toEqual({ data: view.private_metadata });
    expect(unsealForm(config, { ...submission, userId: "U2" })).toEqual({ problem: "other_user" });
  });

  it("refuses metadata it did not seal, edited metadata, another form's seal and another key's", () => {
    const sealed = JSON.parse(sealForm(config, view, "U1").private_metadata) as Record<string, unknown>;
    const as = (metadata: unknown, callbackId = view.callback_id) =>
      unsealForm(config, { callbackId, userId: "U1", privateMetadata: JSON.stringify(metadata) });
    expect(as({ incidentId: 7 })).toEqual({ problem: "not_ours" });
    expect(as({ ...sealed, d: '{"incidentId":8}' })).toEqual({ problem: "not_ours" });
    expect(as(sealed, "incident.close")).toEqual({ problem: "not_ours" });
    const other = { slack: { signingSecret: "other", botToken: "xoxb-1" } } as never;
    const foreign = sealForm(other, view, "U1").private_metadata;
    expect(
      unsealForm(config, { callbackId: view.callback_id, userId: "U1", privateMetadata: foreign }),
    ).toEqual({
      problem: "not_ours",
    });
    expect(
      unsealForm(config, { callbackId: view.callback_id, userId: "U1", privateMetadata: undefined }),
    ).toEqual({
      problem: "not_ours",
    });
  });
});

describe("response_url policy", () => {
  it("with Slack's API (production) accepts only https://hooks.slack.com", () => {
    const ok = responseUrlPolicy("https://slack.com/api/");
    expect(ok("https://hooks.slack.com/commands/T1/1/abc")).toBe(true);
    for (const bad of [
      "http://hooks.slack.com/commands/T1/1/abc",
      "https://hooks.slack.com:8443/commands/T1",
      "https://hooks.slack.com.evil.example/x",
      "https://user:pw@hooks.slack.com/x",
      "http://127.0.0.1:9999/steal",
      "https://slack.com/api/chat.postMessage",
      "http://169.254.169.254/latest/meta-data",
      "not a url",
    ])
      expect(ok(bad), bad).toBe(false);
  });

  it("with an emulator as the API also accepts the emulator's own origin, and no other", () => {
    const ok = responseUrlPolicy("http://127.0.0.1:4000/api/");
    expect(ok("http://127.0.0.1:4000/respond/T1/1/abc")).toBe(true);
    expect(ok("https://hooks.slack.com/commands/T1/1/abc")).toBe(true);
    expect(ok("http://127.0.0.1:4001/respond/T1/1/abc")).toBe(false);
    expect(ok("http://localhost:4000/respond/T1/1/abc")).toBe(false);
  });
});
