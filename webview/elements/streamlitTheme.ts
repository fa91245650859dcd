import type { StreamlitTheme } from '../../protocol';

/** Streamlit's theme from VS Code's current colours and font. */
export function currentTheme(): StreamlitTheme {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const dark = document.body.classList.contains('vscode-dark') || document.body.classList.contains('vscode-high-contrast');
  return {
    base: dark ? 'dark' : 'light',
    primaryColor: v('--vscode-button-background', '#0e639c'),
    backgroundColor: v('--vscode-sideBar-background', v('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff')),
    secondaryBackgroundColor: v('--vscode-editorWidget-background', dark ? '#252526' : '#f3f3f3'),
    textColor: v('--vscode-foreground', dark ? '#cccccc' : '#333333'),
    font: v('--vscode-font-family', 'sans-serif'),
  };
}

/** VS Code switches themes by changing the body's classes and variables. */
export function onThemeChange(listener: () => void): () => void {
  const observer = new MutationObserver(listener);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  return () => observer.disconnect();
}
