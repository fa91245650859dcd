/**
 * Elements whose code loads on first use. `lazyElement(load, fallback)` returns a component that
 * renders `fallback(props)` until the chunk `load()` imports has arrived, then the real one. esbuild
 * (`splitting: true`, scripts/build.mjs) puts each `import()` target in its own file under
 * dist/webview/chunks/; the document's CSP lets it load because a module script's imports carry its
 * nonce. A chunk that fails to load (or whose component throws) leaves the fallback on screen, so
 * the content stays readable.
 */
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';

export function lazyElement<P extends object>(load: () => Promise<ComponentType<P>>, fallback: (props: P) => ReactNode): ComponentType<P> {
  const Loaded = lazy(async () => ({ default: await load() }));
  function LazyElement(props: P) {
    const shown = fallback(props);
    return (
      <ChunkBoundary fallback={shown}>
        <Suspense fallback={shown}>
          <Loaded {...props} />
        </Suspense>
      </ChunkBoundary>
    );
  }
  return LazyElement;
}

class ChunkBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(error: unknown): void {
    console.error('an element failed to load or render; showing its plain form', error);
  }
  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
