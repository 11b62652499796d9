/**
 * Walking helpers over xmldom's DOM, or over anything shaped like the little of it they use (light-xml.ts's
 * tree): kept apart from xml.ts so that a module using them does not load xmldom.
 */
import type { Element as XmlElement } from '@xmldom/xmldom';

export type { XmlElement };

export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  if (!el) return out;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as XmlElement).nodeName === name) out.push(n as XmlElement);
  }
  return out;
}

export function firstChild(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as XmlElement).nodeName === name) return n as XmlElement;
  }
  return undefined;
}

export function attr(el: XmlElement | undefined, name: string): string | undefined {
  if (!el) return undefined;
  const v = el.getAttribute(name);
  return v === null || v === '' ? undefined : v;
}
