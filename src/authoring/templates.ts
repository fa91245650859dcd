/** The files New App writes. The tsconfig covers TypeScript and JavaScript apps (allowJs, checkJs). */
export type AppLanguage = 'typescript' | 'javascript';

export const appsTsconfig = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'preserve',
      moduleResolution: 'bundler',
      allowImportingTsExtensions: true,
      noEmit: true,
      strict: true,
      allowJs: true,
      checkJs: true,
      skipLibCheck: true,
    },
    include: ['**/*'],
  },
  null,
  2,
)}\n`;

const body = (title: string) => `  st.title(${JSON.stringify(title)});
  const name = st.textInput('Your name', { value: 'world' });
  st.markdown(\`Hello, **\${name}**!\`);
  if (st.button('Count')) st.sessionState.count = Number(st.sessionState.count ?? 0) + 1;
  st.text(\`Clicked \${Number(st.sessionState.count ?? 0)} times\`);
`;

export function appTemplate(language: AppLanguage, name: string): string {
  const intro = '// A Component Host app: it runs again on every widget change, and when you save it or a module it imports.\n';
  if (language === 'typescript') {
    return `${intro}import type { St } from 'component-host';\n\nexport default function app(st: St) {\n${body(name)}}\n`;
  }
  return `${intro}/** @param {import('component-host').St} st */\nexport default function app(st) {\n${body(name)}}\n`;
}
