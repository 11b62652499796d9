/** Small helpers over @xmldom/xmldom, which runs on Node and Workers alike. */
import { DOMParser, XMLSerializer, type Element as XmlElement, type Document as XmlDocument } from '@xmldom/xmldom';

export type { XmlElement, XmlDocument };

export function parseXml(source: string): XmlDocument {
  return new DOMParser().parseFromString(source, 'text/xml');
}

export function serializeXml(doc: XmlDocument): string {
  return new XMLSerializer().serializeToString(doc);
}

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
