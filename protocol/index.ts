export * from './errors';
export * from './webview';
export * from './auth';
