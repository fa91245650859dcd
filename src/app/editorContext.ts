/** What an app can know about the editor: a plain snapshot, compared to decide on reruns. */
export interface EditorContext {
  file: string;
  language: string;
  selection: { startLine: number; startCharacter: number; endLine: number; endCharacter: number; text: string };
  visibleRange: { startLine: number; endLine: number };
  diagnostics: { errors: number; warnings: number };
}

export function sameEditorContext(a: EditorContext | undefined, b: EditorContext | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
