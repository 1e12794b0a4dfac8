/** The product's version: set by the bundler (scripts/build.mjs); 'development' when run from source. */
declare const MARKPOINT_VERSION: string | undefined;

export const VERSION = typeof MARKPOINT_VERSION === 'string' ? MARKPOINT_VERSION : 'development';
