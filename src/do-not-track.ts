/**
 * True when the browser asks not to be tracked: Do Not Track (`navigator.doNotTrack == '1'`) or
 * Global Privacy Control. The `respectDoNotTrack` guard of the core.
 */
export function doNotTrack(): boolean {
  return (navigator as { doNotTrack?: string }).doNotTrack == '1' || !!(navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
}
