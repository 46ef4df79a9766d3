import type { Callbacks, HitType, MauticResponse, Params, TrackerOptions, WireParams } from './types.js';
import type { Outcome } from './response.js';
import { IN_SCRIPT_TAG } from './config.js';

/** What the core lends a plugin: its options, the Mautic base URL, and the visitor's identity. */
export interface PluginContext {
  options(): Required<TrackerOptions>;
  /** The Mautic base URL, normalised (no trailing slash, https on https pages). */
  base(): string;
  deviceId(): string | undefined;
  /**
   * Keeps the ids of a Mautic answer, as a hit's answer would be kept. For the answer to a request of
   * the plugin's own, pass the `visitor()` read when the request was sent: if the ids changed
   * meanwhile (`reset`, consent revoked, or another tab's reset or newer answer), it is not kept.
   */
  remember(response: MauticResponse, visitor?: number): void;
  /**
   * What this tab knows of the visitor, as a number that changes whenever the ids change other than
   * by `remember`: forgotten here, or removed or written by another tab.
   */
  visitor(): number;
  log(message: string, data?: unknown): void;
  /**
   * Sends a hit as `mt('send', type, …)` would, through every guard (consent, Do Not Track) and the
   * outbox; for features that track by themselves (autocapture). `eventValues`: category, action,
   * label, value of an event.
   */
  track(type: HitType, params?: Params, callbacks?: Callbacks, eventValues?: (string | undefined)[]): void;
  /**
   * Whether the visitor may be tracked now: no consent decision pending (under `requireConsent`),
   * none refused, and no Do Not Track the tracker respects (`respectDoNotTrack`).
   */
  consented(): boolean;
  /**
   * Aborted when the tracker is destroyed (npm `destroy()`): give it to `addEventListener` so the
   * plugin's listeners go with the tracker. Undefined in a browser without AbortController.
   */
  signal?: AbortSignal;
}

/** Features beyond tracking (Mautic's page features, `page-features.ts`) hook in here. */
export interface TrackerPlugin {
  /** A hit leaves for delivery (consent given), with the params it goes out with. */
  hit?(type: HitType, params: WireParams): void;
  /** A hit's delivery ended. */
  delivered?(outcome: Outcome, params: WireParams): void;
  /** The tracker is destroyed: let go of what the plugin holds (its listeners go by `signal`). */
  destroy?(): void;
}

/** A plugin: made once per tracker, with its context. */
export type Plugin = (context: PluginContext) => TrackerPlugin;

/** What a tracker's delivery hands its extension: its options, the visitor's identity, its debug log. */
export interface DeliveryParts {
  options(): Required<TrackerOptions>;
  deviceId(): string | undefined;
  remember(response: MauticResponse, visitor?: number): void;
  visitor(): number;
  log(message: string, data?: unknown): void;
}

/** What the core hands its extension: the delivery's parts, and its own `track` and consent state. */
export interface CoreParts extends DeliveryParts {
  track: PluginContext['track'];
  consented(): boolean;
}

/**
 * How a core is extended (`createCore(options, extension)`): one set of hooks made from its parts.
 * The core knows nothing of plugins, so `dist/mt.js`, which has none, carries none of this.
 */
export type Extension = (parts: CoreParts) => TrackerPlugin;

/**
 * The extension that runs `plugins`: each is made with its context, and each hook calls the
 * plugins that have it, in the order they were given. Destroying it aborts the plugins' `signal`.
 */
export function usePlugins(plugins: Plugin[]): Extension {
  return (parts) => {
    // The script-tag bundles have no destroy(): nothing to stop there.
    const stop = !IN_SCRIPT_TAG && typeof AbortController == 'function' ? new AbortController() : undefined;
    // A plugin that throws (a bug, a browser API it did not expect) costs only itself: never the
    // hit, the other plugins, the page, nor an npm promise that must not reject. Debug mode says so.
    const guarded = <T>(run: () => T): T | undefined => {
      try {
        return run();
      } catch (error) {
        parts.log('plugin failed', error);
        return undefined;
      }
    };
    const made = plugins.map((plugin) => guarded(() => plugin({ ...parts, base: () => parts.options().url, ...(!IN_SCRIPT_TAG && { signal: stop && stop.signal }) })) || {});
    const each = (hook: (plugin: TrackerPlugin) => void): void => made.forEach((plugin) => guarded(() => hook(plugin)));
    return {
      hit: (type, params) => each((plugin) => plugin.hit && plugin.hit(type, params)),
      delivered: (outcome, params) => each((plugin) => plugin.delivered && plugin.delivered(outcome, params)),
      ...(!IN_SCRIPT_TAG && {
        destroy() {
          if (stop) stop.abort();
          each((plugin) => plugin.destroy && plugin.destroy());
        },
      }),
    };
  };
}
