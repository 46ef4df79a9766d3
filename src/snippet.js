/*
 * The loader a site pastes into its pages (built to dist/snippet.min.js, at most 200 B gzip).
 * It keeps the official Mautic snippet's contract: `window.MauticTrackingObject` names the global,
 * and `mt()` queues its arguments in `mt.q` until the bundle loads. Scripts created this way load
 * async by default. A bundle served from a CDN or the site itself learns the Mautic URL from a
 * queued `mt('config', { url: … })` line, which the bundle applies before any hit.
 */
(function (w, d, n, s) {
  w.MauticTrackingObject = n;
  w[n] =
    w[n] ||
    function () {
      (w[n].q = w[n].q || []).push(arguments);
    };
  s = d.createElement('script');
  s.src = 'https://mautic.example.com/mt.js';
  d.head.append(s);
})(window, document, 'mt');
mt('send', 'pageview');
