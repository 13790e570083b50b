export * from './common.js';
export * from './createMessage.js';
export * from './envelope.js';
export * from './lifecycle.js';
export * from './messages.js';
export * from './task.js';
export * from './topics.js';
export * from './manifest.js';
