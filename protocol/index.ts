export * from './errors';
export * from './webview';
