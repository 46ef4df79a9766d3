// A Mautic-compatible tracking collector for the demo and the end-to-end tests.
// It answers as a Mautic 5 server does (see PROTOCOL.md): CORS only for allowed origins and only when
// X-Requested-With is sent, credentialed responses, device and contact ids, success:0, the pixel, /mtc.
// It records every hit it receives and can be told to misbehave, so tests can prove what the SDK does
// then. Control endpoints live under /__ and are open to any origin (they carry no credentials).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'); // 43 bytes
const CORS_ALLOW_HEADERS = 'Origin, X-Requested-With, Content-Type, Authorization';

/** What the collector does with the next requests; each field can be set through POST /__mode. */
const NORMAL_MODE = {
  /** /mtc/event: ok | 500 | 503 | 429 | 408 | hang | badjson | cors (origin refused) | success0 */
  event: 'ok',
  /** /mtracking.gif: ok | 500 | hang */
  pixel: 'ok',
  /** Seconds sent in Retry-After with 429 and 503. */
  retryAfter: 2,
  /** Answer this many event requests with the failure, then return to ok (0 = until changed). */
  times: 0,
  /** Milliseconds to wait before answering /mtc/event (a slow server). */
  delay: 0,
  /** Milliseconds to wait before answering a CORS preflight (a far-away server). */
  preflightDelay: 0,
  /** Put campaign events (two focus items, one from a foreign host, and an unknown key) in answers. */
  focus: false,
  /** Ignore Mautic's own cookie, as if the browser blocked third-party cookies (the demo's switch). */
  ignoreCookies: false,
};

/** Mautic's device ids: 23 characters of [0-9a-z]. */
function newDeviceId() {
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  return Array.from(randomBytes(23), (byte) => alphabet[byte % 36]).join('');
}

function parseCookies(header = '') {
  const cookies = {};
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies[part.slice(0, at).trim()] = decodeURIComponent(part.slice(at + 1).trim());
  }
  return cookies;
}

/** Form or query text into ordered pairs and an object, the way PHP's parser sees the keys. */
function parseForm(text) {
  const pairs = [];
  for (const piece of text.split('&')) {
    if (!piece) continue;
    const at = piece.indexOf('=');
    const decode = (value) => decodeURIComponent(value.replace(/\+/g, ' '));
    pairs.push(at < 0 ? [decode(piece), ''] : [decode(piece.slice(0, at)), decode(piece.slice(at + 1))]);
  }
  return { pairs, params: Object.fromEntries(pairs) };
}

/**
 * A multipart/form-data body (Mautic's forms are multipart) into the same shape as parseForm: text
 * fields only, a file field keeps its file name.
 */
function parseMultipart(body, contentType) {
  const boundary = (contentType.match(/boundary=(?:"([^"]+)"|([^;]+))/) || []).slice(1).find(Boolean);
  const pairs = [];
  for (const part of boundary ? body.split('--' + boundary) : []) {
    const end = part.indexOf('\r\n\r\n');
    const name = end > 0 && part.slice(0, end).match(/name="([^"]*)"(?:; filename="([^"]*)")?/);
    if (name) pairs.push([name[1], name[2] ?? part.slice(end + 4).replace(/\r\n$/, '')]);
  }
  return { pairs, params: Object.fromEntries(pairs) };
}

function readBody(request) {
  return new Promise((resolve) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(''));
  });
}

/**
 * Starts the collector. `allowedOrigins` plays Mautic's "CORS allowed domains" setting.
 * Returns { url, close, state } once listening.
 */
export async function startCollector({ port = 0, host = '127.0.0.1', allowedOrigins = [] } = {}) {
  const state = {
    hits: [],
    mode: { ...NORMAL_MODE },
    failuresLeft: 0,
    allowedOrigins: new Set(allowedOrigins),
    /** device id → contact id; email → contact id (a unique field switches the visitor). */
    contacts: new Map(),
    emails: new Map(),
    nextContactId: 1,
    requests: [],
    slots: [],
    listeners: new Set(),
  };

  const corsHeaders = (request) => {
    const origin = request.headers.origin;
    if (!origin || !state.allowedOrigins.has(origin) || activeFailure() === 'cors') return {};
    return {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS,
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Max-Age': '36000',
      Vary: 'Origin',
    };
  };

  const activeFailure = () => state.mode.event !== 'ok' ? state.mode.event : null;

  /** Consumes one failure of a limited run (`times`). */
  const takeFailure = () => {
    const failure = activeFailure();
    if (failure && state.mode.times > 0) {
      state.failuresLeft -= 1;
      if (state.failuresLeft <= 0) state.mode = { ...state.mode, event: 'ok', times: 0 };
    }
    return failure;
  };

  /** The visitor's identity as Mautic resolves it: cookie, then the device-id param, else a new one. */
  const identify = (cookies, params) => {
    let deviceId = (!state.mode.ignoreCookies && cookies.mautic_device_id) || params.mautic_device_id;
    if (!deviceId || !state.contacts.has(deviceId)) {
      // As Mautic: an id it never issued is not adopted; the visitor becomes a new contact, new id.
      deviceId = newDeviceId();
      state.contacts.set(deviceId, state.nextContactId++);
    }
    let contactId = state.contacts.get(deviceId);
    if (params.email) {
      const known = state.emails.get(params.email.toLowerCase());
      if (known && known !== contactId) {
        // A unique field matching another contact switches the visitor to it, with a new device id.
        contactId = known;
        deviceId = newDeviceId();
        state.contacts.set(deviceId, contactId);
      } else if (!known) {
        state.emails.set(params.email.toLowerCase(), contactId);
      }
    }
    return { deviceId, contactId };
  };

  const record = (hit) => {
    hit.seq = state.hits.length + 1;
    hit.at = Date.now();
    state.hits.push(hit);
    for (const listener of state.listeners) listener(`data: ${JSON.stringify(hit)}\n\n`);
  };

  const deviceCookie = (deviceId) =>
    `mautic_device_id=${deviceId}; Max-Age=31536000; Path=/; SameSite=None; Secure`;

  const send = (response, status, headers, body) => {
    response.writeHead(status, headers);
    response.end(body);
  };

  const handleEvent = async (request, response) => {
    const body = await readBody(request);
    const cors = request.headers['x-requested-with'] === 'XMLHttpRequest' ? corsHeaders(request) : {};
    const failure = takeFailure();
    const { pairs, params } = parseForm(body);
    const cookies = parseCookies(request.headers.cookie);
    const base = {
      transport: 'cors',
      method: request.method,
      origin: request.headers.origin || null,
      contentType: request.headers['content-type'] || null,
      requestedWith: request.headers['x-requested-with'] || null,
      cookies,
      pairs,
      params,
    };
    if (state.mode.delay) await new Promise((resolve) => setTimeout(resolve, state.mode.delay));
    if (failure === 'hang') {
      record({ ...base, answered: 'hang' });
      request.socket.setTimeout(0);
      return; // never answers; the socket closes when the client gives up
    }
    if (['500', '503', '429', '408'].includes(failure)) {
      record({ ...base, answered: Number(failure) });
      const headers = { ...cors, 'Content-Type': 'text/html' };
      if (failure === '429' || failure === '503') {
        headers['Retry-After'] = String(state.mode.retryAfter);
        // Scripts may only read it cross-origin when exposed (a proxy in front of Mautic would do this).
        headers['Access-Control-Expose-Headers'] = 'Retry-After';
      }
      return send(response, Number(failure), headers, 'error');
    }
    if (failure === 'success0') {
      record({ ...base, answered: 'success0' });
      return send(response, 200, { ...cors, 'Content-Type': 'application/json' }, '{"success":0}');
    }
    const { deviceId, contactId } = identify(cookies, params);
    const events = state.mode.focus
      ? {
          focus_item: [
            { id: 1, js: `${self.url}/focus/1.js` },
            { id: 2, js: 'https://evil.example/focus.js' },
          ],
          custom_campaign_action: [{ id: 7, name: 'exposed to integrators' }],
        }
      : [];
    const answer = { success: 1, id: contactId, sid: deviceId, device_id: deviceId, events };
    record({ ...base, answered: failure === 'badjson' ? 'badjson' : 200, deviceId, contactId, corsAllowed: !!cors['Access-Control-Allow-Origin'] });
    const headers = { ...cors, 'Content-Type': 'application/json', 'Set-Cookie': deviceCookie(deviceId) };
    send(response, 200, headers, failure === 'badjson' ? '<html>not json' : JSON.stringify(answer));
  };

  // --- Mautic forms (issue 14): POST {base}/form/submit?formId=N, as Mautic answers it. ---
  /**
   * A form submission lands on a contact the way every Mautic request does: Mautic's cookie, else a
   * top-level `mautic_device_id` field, else a new contact. Answers: `/form/submit/ajax` → JSON; a
   * `mauticform[messenger]` submission (Mautic's form script, in an iframe) → a page carrying the
   * JSON; otherwise a redirect to `mauticform[return]` (else the Referer) with `mauticMessage`.
   */
  const handleFormSubmit = async (request, response, url) => {
    const body = await readBody(request);
    const contentType = request.headers['content-type'] || '';
    const { pairs, params } = contentType.startsWith('multipart/form-data') ? parseMultipart(body, contentType) : parseForm(body);
    const cookies = parseCookies(request.headers.cookie);
    const { deviceId, contactId } = identify(cookies, { mautic_device_id: params.mautic_device_id });
    const ajax = url.pathname === '/form/submit/ajax';
    const back = params['mauticform[return]'] || request.headers.referer;
    const headers = { 'Set-Cookie': deviceCookie(deviceId) };
    const answered = ajax || params['mauticform[messenger]'] || !back ? 200 : 302;
    record({
      transport: 'form',
      method: 'POST',
      path: url.pathname + url.search,
      origin: request.headers.origin || null,
      contentType: contentType.split(';')[0] || null,
      cookies,
      pairs,
      params,
      formId: url.searchParams.get('formId') || params['mauticform[formId]'] || null,
      answered,
      deviceId,
      contactId,
    });
    const result = { success: 1, successMessage: 'Thank you', formName: params['mauticform[formName]'], id: contactId };
    if (ajax) return send(response, 200, { ...headers, ...corsHeaders(request), 'Content-Type': 'application/json' }, JSON.stringify(result));
    if (answered === 200) return send(response, 200, { ...headers, 'Content-Type': 'text/html' }, `<!doctype html><title>Form</title><script>parent.postMessage(${JSON.stringify(JSON.stringify(result))}, '*')</script><p>Thank you (contact ${contactId}).</p>`);
    send(response, 302, { ...headers, Location: back + (back.includes('?') ? '&' : '?') + 'mauticMessage=' + encodeURIComponent('Thank you') }, '');
  };

  const handlePixel = (request, response, query) => {
    const { pairs, params } = parseForm(query);
    const cookies = parseCookies(request.headers.cookie);
    const base = { transport: 'pixel', method: 'GET', origin: null, cookies, pairs, params };
    if (state.mode.pixel === 'hang') {
      record({ ...base, answered: 'hang' });
      return;
    }
    if (state.mode.pixel === '500') {
      record({ ...base, answered: 500 });
      return send(response, 500, { 'Content-Type': 'text/plain' }, 'error');
    }
    const { deviceId, contactId } = identify(cookies, params);
    record({ ...base, answered: 200, deviceId, contactId });
    send(response, 200, {
      'Content-Type': 'image/gif',
      'Content-Length': PIXEL.length,
      'Cache-Control': 'no-store, no-cache, must-revalidate, max-age=0',
      Pragma: 'no-cache',
      Expires: '0',
      'Set-Cookie': deviceCookie(deviceId),
    }, PIXEL);
  };

  /**
   * What a slot's `content` is. `evil` is the end-to-end tests' attack sample; `hostile` is the demo
   * page's: the same kinds of attack, each labelled, none of which loads anything or leaves a control
   * behind once cleaned (no request, no console error, no button that would submit the page).
   */
  const slotContent = (slot, contactId, params) => {
    const contents = {
      hero: `<h2 id="hero-content">Welcome back, contact ${contactId}</h2>`,
      form: `<div id="form-slot">Newsletter form</div><script src="${self.url}/form/generate.js"></script>`,
      evil:
        '<p id="evil-text">Special offer</p><script>window.pwned = 1</script>' +
        `<img id="evil-img" src="${self.url}/missing.gif" onerror="window.pwned = 2"><a id="evil-link" href="javascript:window.pwned = 3">more</a>` +
        '<script src="https://evil.example/steal.js"></script><iframe src="https://evil.example/frame"></iframe>' +
        '<form id="evil-form" action="javascript:window.pwned = 4"><button formaction="data:text/html,x">go</button></form>',
      hostile: [
        '<p id="hostile-text"><strong>Special offer!</strong> This sentence is the only harmless part.</p>',
        "<script>window.pwned = 'an inline script'</script>",
        '<script src="https://evil.example/steal.js"></script>',
        "<img id=\"hostile-img\" src=\"\" alt=\"\" onerror=\"window.pwned = 'an onerror attribute'\">",
        "<a id=\"hostile-link\" href=\"javascript:window.pwned = 'a javascript: link'\">A link with a javascript: URL</a>",
        '<iframe src="https://evil.example/frame"></iframe>',
        "<details id=\"hostile-details\" open ontoggle=\"window.pwned = 'an ontoggle attribute'\"><summary>Details with an ontoggle attribute</summary>Opened on arrival.</details>",
      ].join('\n'),
    };
    return contents[slot] ?? `<span class="dwc-filled">slot ${slot} for ${params.page_url}</span>`;
  };

  /** Dynamic web content as Mautic serves it: 204 keeps the fallback, 200 carries the content. */
  const handleSlot = (request, response, url) => {
    const cors = request.headers['x-requested-with'] === 'XMLHttpRequest' ? corsHeaders(request) : {};
    const slot = decodeURIComponent(url.pathname.slice('/dwc/'.length));
    const { params } = parseForm(url.search.slice(1));
    state.slots.push({ slot, params, at: Date.now() });
    if (slot === 'empty') return send(response, 204, cors, '');
    const { deviceId, contactId } = identify(parseCookies(request.headers.cookie), params);
    const content = slotContent(slot, contactId, params);
    send(response, 200, { ...cors, 'Content-Type': 'application/json' },
      JSON.stringify({ content, id: contactId, sid: deviceId, device_id: deviceId }));
  };

  const handleControl = async (request, response, url) => {
    const open = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'Content-Type', 'Cache-Control': 'no-store' };
    const json = (value) => send(response, 200, { ...open, 'Content-Type': 'application/json' }, JSON.stringify(value));
    if (request.method === 'OPTIONS') return send(response, 204, open, '');
    if (url.pathname.startsWith('/__content/')) {
      // The HTML a slot is answered with, as served: the demo shows it beside what was inserted.
      const slot = decodeURIComponent(url.pathname.slice('/__content/'.length));
      return json({ slot, content: slotContent(slot, '(contact id)', { page_url: '(page URL)' }) });
    }
    switch (url.pathname) {
      case '/__hits':
        return json(state.hits);
      case '/__requests':
        return json(state.requests);
      case '/__slots':
        return json(state.slots);
      case '/__reset':
        state.hits = [];
        state.requests = [];
        state.slots = [];
        state.mode = { ...NORMAL_MODE };
        state.failuresLeft = 0;
        state.contacts.clear();
        state.emails.clear();
        for (const listener of state.listeners) listener('event: reset\ndata: {}\n\n');
        return json({ ok: true });
      case '/__mode': {
        // GET tells the current mode (the demo page shows it after a reload); POST replaces it.
        if (request.method === 'GET') return json({ ...state.mode, failuresLeft: state.failuresLeft });
        const update = JSON.parse((await readBody(request)) || '{}');
        state.mode = { ...NORMAL_MODE, ...update };
        state.failuresLeft = state.mode.times;
        return json(state.mode);
      }
      case '/__stream': {
        // Server-sent events for the demo page's live view: `?last=n` first replays the last n hits;
        // `event: reset` says the collector was reset.
        response.writeHead(200, { ...open, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
        response.write(': connected\n\n');
        const last = Math.max(0, Math.min(Number(url.searchParams.get('last')) || 0, state.hits.length));
        for (const hit of state.hits.slice(state.hits.length - last)) response.write(`data: ${JSON.stringify(hit)}\n\n`);
        const listener = (message) => response.write(message);
        state.listeners.add(listener);
        request.on('close', () => state.listeners.delete(listener));
        return;
      }
      default:
        return send(response, 404, open, 'unknown control');
    }
  };

  const serveDist = async (response, file, type) => {
    try {
      const body = await readFile(path.join(DIST, file));
      send(response, 200, { 'Content-Type': type, 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*' }, body);
    } catch {
      send(response, 404, { 'Content-Type': 'text/plain' }, `dist/${file} missing: run npm run build`);
    }
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://collector');
    state.requests.push({
      method: request.method,
      path: url.pathname,
      origin: request.headers.origin || null,
      at: Date.now(),
      bytes: request.url.length + Number(request.headers['content-length'] || 0),
    });
    try {
      if (url.pathname.startsWith('/__')) return await handleControl(request, response, url);
      if (request.method === 'OPTIONS') {
        // Mautic answers every preflight with 204; the CORS headers decide whether the browser proceeds.
        if (state.mode.preflightDelay) await new Promise((resolve) => setTimeout(resolve, state.mode.preflightDelay));
        return send(response, 204, corsHeaders(request), '');
      }
      if (url.pathname === '/mtc/event' && request.method === 'POST') return await handleEvent(request, response);
      if (url.pathname === '/mtracking.gif') return handlePixel(request, response, url.search.slice(1));
      if (/^\/form\/submit(\/ajax)?$/.test(url.pathname) && request.method === 'POST') return await handleFormSubmit(request, response, url);
      if (url.pathname.startsWith('/dwc/') && request.method === 'GET') return handleSlot(request, response, url);
      // Scripts Mautic serves for focus items and forms.
      if (url.pathname === '/focus/1.js') {
        const banner =
          "var b=document.createElement('div');b.id='mautic-focus-1';b.textContent='Focus item 1 (a script served by Mautic)';" +
          "b.style.cssText='position:fixed;bottom:12px;right:12px;background:#21314d;color:#fff;padding:10px 14px;border-radius:6px';" +
          'document.body&&document.body.appendChild(b);';
        return send(response, 200, { 'Content-Type': 'text/javascript' }, 'window.focusLoads = (window.focusLoads || 0) + 1;' + banner);
      }
      if (url.pathname === '/form/generate.js') {
        return send(response, 200, { 'Content-Type': 'text/javascript' }, 'window.formLoaded = true;');
      }
      if (url.pathname === '/mtc') {
        const cookies = parseCookies(request.headers.cookie);
        const deviceId = cookies.mautic_device_id;
        const cors = request.headers['x-requested-with'] === 'XMLHttpRequest' ? corsHeaders(request) : {};
        const contactId = deviceId ? state.contacts.get(deviceId) : undefined;
        return send(response, 200, { ...cors, 'Content-Type': 'application/json' },
          JSON.stringify({ id: contactId ?? null, sid: deviceId ?? null, device_id: deviceId ?? null }));
      }
      const file = url.pathname.slice(1);
      if (/^[\w.-]+\.js$/.test(file)) {
        // ?delay=ms holds the bundle back, so tests can queue commands while it "downloads".
        const delay = Number(url.searchParams.get('delay')) || 0;
        if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
        return await serveDist(response, file, 'text/javascript');
      }
      if (/^[\w.-]+\.js\.map$/.test(file)) return await serveDist(response, file, 'application/json');
      send(response, 404, { 'Content-Type': 'text/plain' }, 'not found');
    } catch (error) {
      send(response, 500, { 'Content-Type': 'text/plain' }, String(error));
    }
  });

  const self = {};
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const address = server.address();
  self.url = `http://${host}:${address.port}`;
  return {
    url: self.url,
    state,
    allowOrigin: (origin) => state.allowedOrigins.add(origin),
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}
