/**
 * Compares two strings without an early exit on the first differing character, so the time
 * taken does not tell an attacker how much of a guessed signature or secret was right.
 * A length difference is not secret (signatures have a fixed length), but we still walk the
 * longer string so that secrets of different lengths cost the same.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const n = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < n; i++) {
    diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  }
  return diff === 0;
}
