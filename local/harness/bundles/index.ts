export { bundleFunctions, type BundledFunctionOf, type BundlesOption } from './bundleFunctions.js';
