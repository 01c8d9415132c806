/** The sync protocol, mutations and reconcile rules shared by the crew app and the server. */
export * from './protocol';
export * from './mutations';
export * from './reconcile';
