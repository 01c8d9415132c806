/**
 * The validation kit's public face. Import it as a namespace so schemas read naturally:
 * `import * as v from './validate'` then `v.object({ lat: v.number({ min: -90, max: 90 }) })`.
 */
export * from './validate-core';
export * from './validate-scalars';
export * from './validate-structures';
