// Control characters in text people typed or pasted: C0 controls other than tab and new lines,
// and DEL. PostgreSQL refuses U+0000 in text, and none of them means anything in an
// incident's record, so every surface refuses them with a message naming the character.

export interface ControlCharacter {
  /** 0-based position in the text. */
  index: number;
  /** "U+0000" */
  name: string;
}

const ALLOWED = new Set([0x09, 0x0a, 0x0d]);

export function firstControlCharacter(text: string): ControlCharacter | null {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && !ALLOWED.has(code)) || code === 0x7f) {
      return { index, name: `U+${code.toString(16).toUpperCase().padStart(4, "0")}` };
    }
  }
  return null;
}

/** `text` without the control characters `firstControlCharacter` finds (for text read from
 * Slack messages, where nobody typed them to us and there is nobody to ask). */
export function withoutControlCharacters(text: string): string {
  let out = "";
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if ((code < 0x20 && !ALLOWED.has(code)) || code === 0x7f) continue;
    out += text[index];
  }
  return out;
}
