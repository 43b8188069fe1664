// The best words of a message for the message shortcuts: text, blocks or attachments.
import { describe, expect, it } from "vitest";
import { messageContent } from "../../src/domain/timeline/message-content.ts";

describe("messageContent", () => {
  it("keeps plain text as it is, its first line as the headline", () => {
    expect(messageContent({ text: "Checkout is down\nsince 10:02" })).toEqual({
      headline: "Checkout is down",
      body: "Checkout is down\nsince 10:02",
    });
  });

  it("prefers blocks over a short fallback text, a header block as the headline", () => {
    const content = messageContent({
      text: "New alert",
      blocks: [
        { type: "header", text: { type: "plain_text", text: "Disk full on db-3" } },
        {
          type: "section",
          text: { type: "mrkdwn", text: "*host* db-3 at 98%" },
          fields: [{ type: "mrkdwn", text: "env: prod" }],
        },
        {
          type: "rich_text",
          elements: [
            {
              type: "rich_text_section",
              elements: [
                { type: "text", text: "owner " },
                { type: "user", user_id: "U123" },
              ],
            },
          ],
        },
      ],
    });
    expect(content.headline).toBe("Disk full on db-3");
    expect(content.body).toBe("Disk full on db-3\n*host* db-3 at 98%\nenv: prod\nowner <@U123>");
  });

  it("reads legacy attachments when the text is empty: title, text and fields", () => {
    const content = messageContent({
      text: "",
      attachments: [
        { fallback: "fb", title: "[FIRING] 5xx", text: "api eu1", fields: [{ title: "sev", value: "page" }] },
      ],
    });
    expect(content).toEqual({ headline: "[FIRING] 5xx", body: "[FIRING] 5xx\napi eu1\nsev: page" });
  });

  it("ignores shapes it does not know instead of failing", () => {
    expect(messageContent({ text: "x", blocks: [null, 3, { type: "image" }], attachments: ["?"] })).toEqual({
      headline: "x",
      body: "x",
    });
  });

  it("drops invisible control characters (PostgreSQL refuses U+0000)", () => {
    expect(messageContent({ text: "disk\u0000 full\u0007\nnow" })).toEqual({
      headline: "disk full",
      body: "disk full\nnow",
    });
  });
});
