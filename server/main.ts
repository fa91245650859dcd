// The API server lands with the API-server issue.
console.log('component-host server: not built yet');
