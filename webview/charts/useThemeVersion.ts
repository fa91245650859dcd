/**
 * A number that changes when VS Code's theme does: the webview's <body> gets another class
 * (vscode-light, vscode-dark, vscode-high-contrast, vscode-high-contrast-light) and <html> new CSS
 * variables, both in one task, so one re-render reads the new colours.
 */
import { useEffect, useState } from 'react';

export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const observer = new MutationObserver(() => setVersion((v) => v + 1));
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
    return () => observer.disconnect();
  }, []);
  return version;
}
