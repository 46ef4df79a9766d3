import type { ConsentDecision, TrackerOptions } from './types.js';
import type { Hit } from './hit.js';
import type { StorageArea } from './lib/storage-area.js';
import { IN_SCRIPT_TAG } from './config.js';

/** localStorage key that remembers the visitor's decision (followed by a named tracker's suffix). */
const CONSENT_KEY = 'mautic_tracker_consent';

/** At most this many hits wait in memory for a decision; older ones are dropped. */
const MAX_HELD = 100;

/** The consent guard of one tracker (the `requireConsent` option and `consent` command). */
export interface Consent {
  /**
   * Nothing (undefined) when `hit` may leave. Otherwise it may not, and the answer is whether it is
   * held (true: kept in memory until a decision) or refused (false: the visitor denied or revoked).
   */
  admit(hit: Hit): boolean | undefined;
  /** Whether a hit may leave now: no decision pending under `requireConsent`, none refused. */
  allows(): boolean;
  /** Records the visitor's decision: held hits leave on grant, are dropped otherwise. */
  decide(decision: ConsentDecision): void;
  /** Drops the held hits (destroy). */
  clear(): void;
}

/**
 * Consent as Mautic sites need it: with `requireConsent`, nothing leaves the browser and nothing is
 * stored before a grant (the hits made meanwhile are held in memory, keeping their page context); an
 * explicit deny, or a revoke, refuses every hit even without `requireConsent`. The decision is kept in
 * `local` (localStorage), read when first needed. On grant, each held hit goes to `release`; on
 * revoke, `forget` deletes what was stored about the visitor.
 */
export function createConsent(
  suffix: string,
  local: StorageArea,
  options: () => Required<TrackerOptions>,
  log: (message: string, data?: unknown) => void,
  release: (hit: Hit) => void,
  forget: () => void,
): Consent {
  const key = CONSENT_KEY + suffix;
  let decision: string | null | undefined;
  let held: Hit[] = [];
  const allows = (): boolean => {
    if (decision === undefined) decision = local.get(key);
    // An explicit deny (or revoke) always wins; a grant is needed only when consent is required.
    return decision != 'deny' && (!options().requireConsent || decision == 'grant');
  };
  return {
    allows,
    admit(hit) {
      if (allows()) return;
      if (decision == 'deny') return false;
      // Not allowed and not refused: consent is required and pending. Held until the visitor
      // decides: nothing leaves the browser, nothing is stored.
      if (held.push(hit) > MAX_HELD) held.shift();
      log(hit.type + ' held until consent', hit.params);
      return true;
    },
    decide(given) {
      if (!IN_SCRIPT_TAG && typeof document == 'undefined') return;
      decision = given == 'grant' ? given : 'deny';
      local.set(key, decision);
      const waiting = held;
      held = [];
      // Held hits leave on grant, are dropped otherwise.
      log('consent: ' + given + ', held hits: ' + waiting.length);
      if (decision == 'grant') waiting.forEach(release);
      if (given == 'revoke') forget();
    },
    clear() {
      held = [];
    },
  };
}
