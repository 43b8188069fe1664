// Slack formatting (and the Markdown people type out of habit) taken out of public text before
// it goes to Atlassian Statuspage, where `*bold*` or `` `code` `` would show as stray marks:
// *bold* / **bold**, _italic_ / __italic__, ~strike~ / ~~strike~~, `code`, ```blocks``` and
// "> " quotes keep their words and lose their marks. Marks count only where Slack treats them
// as formatting (opening after a space or line start, closing before a space, punctuation or
// line end), so snake_case names, 2*3*4 and file_names_like_this stay as typed. Nothing inside
// code is touched. Run it on text already through publicText (links and entities resolved).

const CODE = /(```[\s\S]*?```|`[^`\n]+`)/;
const BEFORE = String.raw`(^|[\s(\["'])`;
const AFTER = String.raw`(?=$|[\s)\]"'.,;:!?])`;

function emphasis(mark: string): RegExp {
  const m = `\\${mark}`;
  return new RegExp(`${BEFORE}${m}{1,2}(?=[^\\s${m}])([^${m}\\n]*?[^\\s${m}])${m}{1,2}${AFTER}`, "gm");
}

const EMPHASIS = ["*", "_", "~"].map(emphasis);
const QUOTE = /^>[ \t]?/gm;

function unformatted(prose: string): string {
  let text = prose.replace(QUOTE, "");
  for (const mark of EMPHASIS) text = text.replace(mark, "$1$2");
  return text;
}

function codeText(code: string): string {
  return code.startsWith("```") ? code.slice(3, -3).replace(/^\n/, "").replace(/\n$/, "") : code.slice(1, -1);
}

export function withoutFormatting(text: string): string {
  return text
    .split(CODE)
    .map((part, i) => (i % 2 === 1 ? codeText(part) : unformatted(part)))
    .join("");
}
