/** `st.code`: plain at once; with a language, highlighted once the highlighter's chunk has loaded (webview/lazy.tsx). */
import { lazyElement } from '../lazy';
import { PlainCode, type CodeElement } from './PlainCode';

type Props = { element: CodeElement; testId: string };

const Highlighted = lazyElement(
  () => import('./CodeBlock').then((m) => m.CodeBlock),
  (props: Props) => <PlainCode {...props} />,
);

export function Code(props: Props) {
  return props.element.language ? <Highlighted {...props} /> : <PlainCode {...props} />;
}
