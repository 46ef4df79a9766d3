/**
 * Milliseconds to wait before retry number `attempt` (1, 2, …): exponential backoff with "equal
 * jitter" — half of the exponential step is fixed, half random — so tabs and visitors that failed
 * together do not all come back at the same moment. 1 → 0.5–1 s, 2 → 1–2 s, … capped at 2.5–5 min.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  return (Math.min(300_000, 500 * 2 ** attempt) * (1 + random())) / 2;
}
