// Select some text here: the side panel can react to the editor.
export function greet(name: string): string {
  return `Hello, ${name}!`;
}
