/** A JSON-shaped object: not an array, not null, not a class instance such as a Date or a Buffer. */
export function isPlainObject(candidate: unknown): candidate is Record<string, unknown> {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) return false;
  const prototype: unknown = Object.getPrototypeOf(candidate);
  return prototype === Object.prototype || prototype === null;
}
