import { beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';

type Mt = ((...args: unknown[]) => void) & { q?: ArrayLike<unknown>[] };
const page = window as unknown as { mt?: Mt; MauticTrackingObject?: string };

/** Runs a snippet as the page would, keeping the script element it adds instead of loading it. */
function paste(source: string): HTMLScriptElement[] {
  const added: HTMLScriptElement[] = [];
  vi.spyOn(document.head, 'append').mockImplementation((...nodes) => void added.push(...(nodes as HTMLScriptElement[])));
  new Function('mt', source.replace(/\bmt\(/g, 'window.mt('))();
  return added;
}

const SOURCE = readFileSync('src/snippet.js', 'utf8');

beforeEach(() => {
  delete page.mt;
  delete page.MauticTrackingObject;
});

describe('the loader snippet (src/snippet.js)', () => {
  it('names the global, queues calls in mt.q until the bundle loads, and adds the bundle’s script', () => {
    const scripts = paste(SOURCE);
    expect(page.MauticTrackingObject).toBe('mt');
    page.mt!('send', 'event', 'c', 'a');
    expect(page.mt!.q!.map((args) => Array.from(args))).toEqual([
      ['send', 'pageview'],
      ['send', 'event', 'c', 'a'],
    ]);
    expect(scripts.map((script) => script.src)).toEqual(['https://mautic.example.com/mt.js']);
  });

  it('pasted twice, keeps the one queue (the bundle then sees both pageviews and sends one)', () => {
    paste(SOURCE);
    const first = page.mt;
    paste(SOURCE);
    expect(page.mt).toBe(first);
    expect(page.mt!.q).toHaveLength(2);
  });

  it('the built dist/snippet.min.js does the same', () => {
    expect(existsSync('dist/snippet.min.js'), 'run npm run build first').toBe(true);
    const scripts = paste(readFileSync('dist/snippet.min.js', 'utf8'));
    expect(page.mt!.q!.map((args) => Array.from(args))).toEqual([['send', 'pageview']]);
    expect(scripts).toHaveLength(1);
  });
});
