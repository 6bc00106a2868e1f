/** Generated sections of hand-written Markdown: the text between a BEGIN and an END marker. */

/** `text` with what lies between `begin` and `end` replaced by `section` (which carries the markers itself). */
export function replaceSection(text: string, begin: string, end: string, section: string, file: string): string {
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start < 0 || stop < start) throw new Error(`${file} must contain the markers ${begin} … ${end} (in that order)`);
  return text.slice(0, start) + section + text.slice(stop + end.length);
}
