/** apache-arrow's reader, for the runtime frame: loaded as a classic script the first time a v2 component's data holds a table. */
export { tableFromIPC } from 'apache-arrow';
