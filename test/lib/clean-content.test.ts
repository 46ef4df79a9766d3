import { describe, expect, it, vi } from 'vitest';
import { cleanContent } from '../../src/lib/clean-content';

const MAUTIC = 'https://mautic.example.com';
const fromMautic = (url: string) => new URL(url, 'https://site.example/').origin === MAUTIC;

function clean(html: string) {
  const template = document.createElement('template');
  template.innerHTML = html;
  const removed: string[] = [];
  const scripts = cleanContent(template.content, fromMautic, (what) => removed.push(what));
  const box = document.createElement('div');
  box.append(template.content);
  return { html: box.innerHTML, scripts, removed };
}

describe('cleanContent', () => {
  it('keeps ordinary content as it is', () => {
    const html = '<h2 class="x">Hi <b>Jane</b></h2><a href="https://shop.example/p">shop</a><img src="/a.png" alt="a"><style>h2{color:red}</style>';
    expect(clean(html).html).toBe(html);
  });

  it('removes scripts, and returns only the sources on the Mautic host', () => {
    const { html, scripts, removed } = clean(
      `<script>alert(1)</script><script src="${MAUTIC}/form/generate.js?id=1"></script><script src="https://evil.example/x.js"></script><p>ok</p>`,
    );
    expect(html).toBe('<p>ok</p>');
    expect(scripts).toEqual([`${MAUTIC}/form/generate.js?id=1`]);
    expect(removed).toEqual(['<script>', '<script>']);
  });

  it('removes frames and embeds unless they come from the Mautic host', () => {
    const { html } = clean(`<iframe src="https://evil.example"></iframe><iframe src="${MAUTIC}/form/1"></iframe><object data="x.swf"></object><base href="https://evil.example/">`);
    expect(html).toBe(`<iframe src="${MAUTIC}/form/1"></iframe>`);
  });

  it('removes event handlers and script URLs, renamed or not', () => {
    const { html } = clean(
      '<img src="a.png" onerror="x()" data-blocked-onload="y()"><a href=" javascript:x()">a</a><form action="data:text/html,x"><button formaction="vbscript:x">b</button></form><svg><a xlink:href="javascript:x()">s</a></svg>',
    );
    expect(html).not.toMatch(/onerror|onload|javascript|vbscript|data:/i);
    expect(html).toContain('<img src="a.png">');
  });
});

