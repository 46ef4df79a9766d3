/**
 * True when the tracker must not track this visitor: its `respectDoNotTrack` option is on and the
 * browser asks not to be tracked, by Do Not Track (`navigator.doNotTrack == '1'`) or Global Privacy
 * Control. The core's guard, and part of what a plugin's `consented()` says.
 */
export const doNotTrackApplies = (options: { respectDoNotTrack?: boolean }): boolean | undefined =>
  options.respectDoNotTrack && ((navigator as { doNotTrack?: string }).doNotTrack == '1' || !!(navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl);
