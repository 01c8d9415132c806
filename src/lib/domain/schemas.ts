/** Every input schema the server accepts, in one place to import from. */
export * from './schemas-open311';
export * from './schemas-staff';
export { serviceAttributeSchema, validateAttributes, collectAttributeValues } from './attributes';
