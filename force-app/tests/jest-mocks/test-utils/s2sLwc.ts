// Helpers shared by the admin UI's Jest tests (module name "test-utils/s2sLwc", mapped by
// jest.config.js and the tsc step like every file under force-app/tests/jest-mocks): mount a
// component, query through shadow roots, fire base-component events, drive wire adapters.
import { createElement } from 'lwc';

/** A wire adapter created by createApexTestWireAdapter, as tests drive it. */
export interface TestWire {
  emit(value: unknown): void;
  error(body?: unknown): void;
  getLastConfig(): Record<string, unknown>;
}

/** The test wire adapter behind an imported Apex method. */
export const wire = (adapter: unknown): TestWire => adapter as TestWire;

/** An imported imperative Apex method, as the jest.fn() that mocks it. */
export const mocked = (fn: unknown): jest.Mock => fn as jest.Mock;

/** Lets pending promises and re-renders settle. */
export const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A jest.mock factory for an Apex method used with @wire. */
export function mockWire(): unknown {
  const { createApexTestWireAdapter } = require('@salesforce/sfdx-lwc-jest');
  return { default: createApexTestWireAdapter(jest.fn()) };
}

/** Creates a component, sets its public properties and attaches it to the document. */
export function mount(
  tag: string,
  ctor: unknown,
  props: Record<string, unknown> = {}
): HTMLElement {
  const element = createElement(tag, { is: ctor as never });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

/** Removes every component from the document (afterEach). */
export function cleanDom(): void {
  while (document.body.firstChild) document.body.removeChild(document.body.firstChild);
}

/**
 * The first element matching the last selector, each selector looked up in the shadow root of the
 * element the previous one found: $(editor, 'c-s2s-mapping-settings', '[data-setting="Filter__c"]').
 */
export function $(root: HTMLElement, ...selectors: string[]): HTMLElement | null {
  let current: HTMLElement | null = root;
  for (const selector of selectors) {
    current = current?.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
  }
  return current;
}

/** Every element matching the last selector (the others as in $). */
export function $$(root: HTMLElement, ...selectors: string[]): HTMLElement[] {
  const host = selectors.length > 1 ? $(root, ...selectors.slice(0, -1)) : root;
  if (!host?.shadowRoot) return [];
  return [...host.shadowRoot.querySelectorAll<HTMLElement>(selectors[selectors.length - 1])];
}

/** Fires a base component's change event; type makes it a checkbox (detail.checked). */
export function fire(target: HTMLElement, detail: Record<string, unknown>, type?: string): void {
  if (type) (target as HTMLElement & { type: string }).type = type;
  target.dispatchEvent(new CustomEvent('change', { detail }));
}

/** Texts of elements, trimmed. */
export function texts(elements: HTMLElement[]): string[] {
  return elements.map((element) => (element.textContent ?? '').trim());
}
