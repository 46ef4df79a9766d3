import { describe, expect, it } from 'vitest';
import { eventElements, findLink, linkUrl } from '../../src/lib/event-link';

/** The elements a click on `target` went through. */
function clickPath(target: Element): Element[] {
  let path: Element[] = [];
  document.addEventListener('click', (event) => void (path = eventElements(event)), { once: true });
  target.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  return path;
}

describe('eventElements, findLink, linkUrl', () => {
  it('the innermost link around the clicked element, its http(s) URL resolved', () => {
    document.body.innerHTML = '<a id="outer" href="https://out.example/"><a id="a" href="/files/x.pdf?y=1"><b id="in">x</b></a></a>';
    const path = clickPath(document.getElementById('in')!);
    expect(path[0].id).toBe('in');
    const link = findLink(path)!;
    expect(link.id).toBe('a');
    expect(linkUrl(link)!.href).toBe(location.origin + '/files/x.pdf?y=1');
  });

  it('reaches through an open shadow root to the link around its host', () => {
    document.body.innerHTML = '<a id="a" href="https://shop.example.net/"><span id="host"></span></a>';
    const root = document.getElementById('host')!.attachShadow({ mode: 'open' });
    root.innerHTML = '<i>in</i>';
    expect(findLink(clickPath(root.querySelector('i')!))!.id).toBe('a');
  });

  it('no link without href; no URL for other schemes', () => {
    document.body.innerHTML = '<a id="n"><i id="in">x</i></a><a id="m" href="mailto:a@b.c">m</a>';
    expect(findLink(clickPath(document.getElementById('in')!))).toBeUndefined();
    expect(linkUrl(document.getElementById('m')!)).toBeUndefined();
  });
});
