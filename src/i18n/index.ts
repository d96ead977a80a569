/** Strings and Intl formatting shared by every widget. */
export * from './messages.js';
export * from './format.js';
export { LangController } from './lang-controller.js';
