/** The domain core's public API: pure rules shared by the server, the console and the crew app. */
export * from './lifecycle';
export * from './resolution';
export * from './priority';
export * from './open311-status';
export * as v from './validate';
export type { Issue, Result, Infer, Schema } from './validate';
export * from './attributes';
export * from './schemas';
export * from './sla';
export * from './geo';
export * from './ids';
export * from './sync';
