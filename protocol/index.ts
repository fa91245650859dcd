export * from './errors';
export * from './webview';
export * from './auth';
export * from './server';
export * from './elements';
export * from './app';
export * from './component';
export * from './pendingRequests';
