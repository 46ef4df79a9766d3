import type { HitType, MauticResponse, TrackerOptions, WireParams } from './types.js';
import type { Outcome } from './response.js';

/** What the core lends a plugin: its options, the Mautic base URL, and the visitor's identity. */
export interface PluginContext {
  options(): Required<TrackerOptions>;
  /** The Mautic base URL, normalised (no trailing slash, https on https pages). */
  base(): string;
  deviceId(): string | undefined;
  /** Keeps the ids of a Mautic answer, as a hit's answer would be kept. */
  remember(response: MauticResponse): void;
  log(message: string, data?: unknown): void;
}

/** Features beyond tracking (Mautic's page features, `page-features.ts`) hook in here. */
export interface TrackerPlugin {
  /** A hit leaves for delivery (consent given), with the params it goes out with. */
  hit?(type: HitType, params: WireParams): void;
  /** A hit's delivery ended. */
  delivered?(outcome: Outcome, params: WireParams): void;
}

/** The plugins of one tracker. */
export interface Plugins {
  /** Adds a plugin, made with the tracker's context. */
  use(plugin: (context: PluginContext) => TrackerPlugin): void;
  /** Calls `hook` of every plugin that has it, in the order they were added. */
  call<K extends keyof TrackerPlugin>(hook: K, ...args: Parameters<NonNullable<TrackerPlugin[K]>>): void;
}

/** Creates a tracker's plugin list; `context` is what each plugin gets. */
export function createPlugins(context: PluginContext): Plugins {
  const plugins: TrackerPlugin[] = [];
  return {
    use: (plugin) => void plugins.push(plugin(context)),
    call: (hook, ...args) => plugins.forEach((plugin) => plugin[hook] && (plugin[hook] as (...given: unknown[]) => void)(...args)),
  };
}
