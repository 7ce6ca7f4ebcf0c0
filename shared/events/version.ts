/** Kept apart from the zod schemas (shared/events/schema.ts), so the Lambda bundles that publish events need no zod. */
export const EVENT_SCHEMA_VERSION = 1;
/** EventBridge `Source` of every event the product publishes. */
export const EVENT_SOURCE = 'collections.cases';
