// The web site side of the demo and the tests: serves pages from its own origin, so the page and
// the collector are cross-origin exactly as a real site and its Mautic server are.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Mautic's official tracking snippet, as Mautic shows it to admins (only the URL differs). */
export function officialSnippet(bundleUrl) {
  return `(function(w,d,t,u,n,a,m){w['MauticTrackingObject']=n;
    w[n]=w[n]||function(){(w[n].q=w[n].q||[]).push(arguments)},a=d.createElement(t),
    m=d.getElementsByTagName(t)[0];a.async=1;a.src=u;m.parentNode.insertBefore(a,m)
})(window,document,'script','${bundleUrl}','mt');`;
}

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/**
 * A test page. Query: `snippet` official (default) | ours | none; `twice=1` pastes the snippet twice;
 * `delay` ms holds the bundle back; `src` loads the bundle from elsewhere; `script` is code run right after the snippet (default: a pageview);
 * `title` the document title; `name` a MauticTrackingObject other than mt (official snippet only);
 * `module=1` runs `script` as an ES module; `nonce` marks the inline scripts with that nonce;
 * `tag=1` replaces snippet and script by a plain `<script src … data-url data-pageview>` tag
 * (`options`: its data-options JSON, `dataUrl`: its data-url, default the collector);
 * `slots=a,b` adds dynamic-content slots with fallback text.
 */
async function fixturePage(url, collectorUrl) {
  const q = url.searchParams;
  const delay = q.get('delay');
  const bundleUrl = q.get('src') || `${collectorUrl}/mt.js${delay ? `?delay=${delay}` : ''}`;
  const name = q.get('name') || 'mt';
  let snippet = '';
  if (q.get('snippet') === 'ours') {
    const ours = await readFile(path.join(HERE, '..', 'dist', 'snippet.min.js'), 'utf8');
    snippet = ours.replace('https://mautic.example.com/mt.js', bundleUrl).replace("mt('send','pageview');", '');
  } else if (q.get('snippet') !== 'none') {
    snippet = officialSnippet(bundleUrl).replace("'mt');", `'${name}');`);
  }
  const script = q.has('script') ? q.get('script') : `${name}('send', 'pageview');`;
  const nonce = q.get('nonce') ? ` nonce="${escapeHtml(q.get('nonce'))}"` : '';
  if (q.get('tag')) {
    // The no-inline way: a plain script tag carrying its setup in data attributes.
    const options = q.get('options') ? ` data-options='${escapeHtml(q.get('options'))}'` : '';
    const dataUrl = escapeHtml(q.has('dataUrl') ? q.get('dataUrl') : collectorUrl);
    return page(`<script async src="${escapeHtml(bundleUrl)}" data-url="${dataUrl}"${options} data-pageview></script>`);
  }
  // `module=1` runs the script as an ES module (imports from /pkg/ or /tarball/).
  const once = q.get('module')
    ? `<script${nonce}>${snippet}</script>\n<script type="module"${nonce}>${script}</script>`
    : `<script${nonce}>${snippet}\n${script}</script>`;
  return page(once + (q.get('twice') ? once : ''));

  function page(head) {
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(q.get('title') || 'Fixture page')}</title>
${head}
</head><body>
<h1>Fixture page</h1>
${(q.get('slots') || '').split(',').filter(Boolean).map((slot) => `<div class="mautic-slot" data-slot-name="${escapeHtml(slot)}">fallback ${escapeHtml(slot)}</div>`).join('\n')}
<a id="away" href="/landing">Go away</a>
<form id="form" action="/landing" method="get"><button id="submit">Submit</button></form>
</body></html>`;
  }
}

/** Starts the site server. Returns { url, close }. */
export async function startSite({ port = 0, host = '127.0.0.1', collectorUrl }) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://site');
    const html = (body) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' }); // no-store would keep pages out of the bfcache
      response.end(body);
    };
    try {
      if (url.pathname === '/' || url.pathname === '/index.html') {
        const page = await readFile(path.join(HERE, 'index.html'), 'utf8');
        return html(page.replaceAll('{{COLLECTOR}}', collectorUrl));
      }
      if (url.pathname === '/favicon.ico') {
        response.writeHead(204);
        return response.end();
      }
      if (url.pathname === '/fixture') {
        // `csp` sets a Content-Security-Policy header ({{COLLECTOR}} stands for the collector's origin).
        const csp = url.searchParams.get('csp');
        if (csp) response.setHeader('Content-Security-Policy', csp.replaceAll('{{COLLECTOR}}', collectorUrl));
        return html(await fixturePage(url, collectorUrl));
      }
      if (url.pathname.startsWith('/spa')) {
        // Every SPA route serves the same page (history-API fallback, as SPA hosting does).
        const page = await readFile(path.join(HERE, 'spa.html'), 'utf8');
        const pkg = url.searchParams.get('pkg') === 'tarball' ? '/tarball/dist' : '/pkg';
        return html(page.replaceAll('{{COLLECTOR}}', collectorUrl).replaceAll('{{PKG}}', pkg));
      }
      // The npm build (dist/), and the files of a packed tarball unpacked by the tests.
      const served = url.pathname.match(/^\/(pkg|tarball)\/(.+)$/);
      if (served) {
        const root = served[1] === 'pkg' ? path.join(HERE, '..', 'dist') : path.join(HERE, '..', 'test-results', 'pack', 'package');
        const file = path.normalize(path.join(root, served[2]));
        if (!file.startsWith(root)) throw new Error('outside the served folder');
        const type = file.endsWith('.js') ? 'text/javascript' : file.endsWith('.map') ? 'application/json' : 'text/plain';
        response.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
        return response.end(await readFile(file));
      }
      if (url.pathname === '/cdn/mt.js') {
        // The bundle served from somewhere other than Mautic (a CDN, the site itself).
        const bundle = await readFile(path.join(HERE, '..', 'dist', 'mt.js'));
        response.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-cache' });
        return response.end(bundle);
      }
      if (url.pathname.startsWith('/files/')) {
        // Autocapture's download link on the demo page: a file the browser saves, so the page stays.
        response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment' });
        return response.end('A sample download of the mautic-tracker demo.\n');
      }
      if (url.pathname === '/landing') return html('<!doctype html><title>Landing</title><h1>Landed</h1>');
      response.writeHead(404, { 'Content-Type': 'text/plain' });
      response.end('not found');
    } catch (error) {
      response.writeHead(500, { 'Content-Type': 'text/plain' });
      response.end(String(error));
    }
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return {
    url: `http://${host}:${server.address().port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}
