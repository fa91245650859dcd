export * from './errors';
export * from './webview';
export * from './auth';
export * from './server';
