/** The automatic keys of a hit, in the order Mautic's own script sends them (PROTOCOL.md §2). */
export const AUTOMATIC_KEYS = [
  'page_title',
  'page_language',
  'preferred_locale',
  'page_referrer',
  'page_url',
  'counter',
  'timezone_offset',
  'resolution',
  'platform',
  'do_not_track',
  'timezone',
];
