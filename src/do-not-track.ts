/**
 * True when the browser asks not to be tracked: Do Not Track (`navigator.doNotTrack == '1'`) or
 * Global Privacy Control. The `respectDoNotTrack` guard of the core.
 */
export function doNotTrack(): boolean {
  const privacy = navigator as { doNotTrack?: string; globalPrivacyControl?: boolean };
  return privacy.doNotTrack == '1' || !!privacy.globalPrivacyControl;
}
