import type * as vscode from 'vscode';
import { hostProbe } from './harness';
import { extensionApi } from './extensionApi';

/** Sizes (JSON characters) of the render messages the host posts, from `start` until `stop`. */
let recording: { sizes: number[]; subscription: vscode.Disposable } | undefined;

hostProbe('render.recordSizes', async () => {
  recording?.subscription.dispose();
  const sizes: number[] = [];
  const subscription = (await extensionApi()).app.onDidPost((message) => {
    if (message.type === 'render') sizes.push(JSON.stringify(message).length);
  });
  recording = { sizes, subscription };
  return true;
});

hostProbe('render.stopRecording', () => {
  const sizes = recording?.sizes ?? [];
  recording?.subscription.dispose();
  recording = undefined;
  return sizes;
});
