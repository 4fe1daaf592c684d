// Text from a Dockerfile (an instruction quoted in a note, a path, a parse error) reaches the terminal:
// a crafted file must not move the cursor, retitle the window or hide a line. Escape sequences go, and every
// other control character (C0, DEL, C1, bidirectional overrides) becomes U+FFFD so that the reader sees one was there.

// CSI (ESC [ … final), OSC / DCS / PM / APC / SOS strings (ending in BEL or ESC \), and two-byte escapes;
// the same introducers in their 8-bit C1 form.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const ESCAPE = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[ -~]?/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_OR_NEWLINE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` safe to print: escape sequences removed, other control characters shown as U+FFFD. Tabs stay;
 * newlines stay only with `multiline` (a one-line message must stay one line).
 */
export function printable(text: string, multiline = false): string {
  return text.replace(ESCAPE, "").replace(multiline ? CONTROL : CONTROL_OR_NEWLINE, (c) => (c === "\t" ? c : "\uFFFD"));
}
