import { $, cleanDom, flush, mount } from 'test-utils/s2sLwc';
import S2sLoadState from 'c/s2sLoadState';

const TEXTS = { deniedText: 'You need the S2S Sync audit permission', emptyText: 'Nothing yet' };

/** The state the component shows: the data-id of what it rendered, or the slot. */
function shown(element: HTMLElement): string[] {
  return [
    $(element, 'lightning-spinner') ? 'loading' : null,
    $(element, '[data-id="denied"]') ? 'denied' : null,
    $(element, '[data-id="error"]') ? 'error' : null,
    $(element, '[data-id="empty"]') ? 'empty' : null,
    $(element, 'slot') ? 'data' : null
  ].filter((state): state is string => state !== null);
}

describe('c-s2s-load-state', () => {
  afterEach(() => {
    cleanDom();
  });

  it('shows the spinner first, with the shared loading label unless told another', async () => {
    const element = mount('c-s2s-load-state', S2sLoadState, {
      ...TEXTS,
      loading: true,
      denied: true,
      error: 'Boom',
      empty: true
    });
    await flush();
    expect(shown(element)).toEqual(['loading']);
    expect(
      ($(element, 'lightning-spinner') as HTMLElement & { alternativeText: string }).alternativeText
    ).toBe('c.S2S_Loading');
    Object.assign(element, { loadingText: 'Reading the audit' });
    await flush();
    expect(
      ($(element, 'lightning-spinner') as HTMLElement & { alternativeText: string }).alternativeText
    ).toBe('Reading the audit');
    await expect(element).toBeAccessible();
  });

  it('says which permission is missing before any error or emptiness', async () => {
    const element = mount('c-s2s-load-state', S2sLoadState, {
      ...TEXTS,
      denied: true,
      error: 'Boom',
      empty: true
    });
    await flush();
    expect(shown(element)).toEqual(['denied']);
    const denied = $(element, '[data-id="denied"]')!;
    expect(denied.textContent).toBe(TEXTS.deniedText);
    expect(denied.getAttribute('role')).toBe('status');
    await expect(element).toBeAccessible();
  });

  it('shows the error as an alert, before the empty message', async () => {
    const element = mount('c-s2s-load-state', S2sLoadState, {
      ...TEXTS,
      error: 'Window must be 1 to 720 hours',
      empty: true
    });
    await flush();
    expect(shown(element)).toEqual(['error']);
    const error = $(element, '[data-id="error"]')!;
    expect(error.textContent).toBe('Window must be 1 to 720 hours');
    expect(error.getAttribute('role')).toBe('alert');
    await expect(element).toBeAccessible();
  });

  it('says what to do when empty, centered unless compact', async () => {
    const element = mount('c-s2s-load-state', S2sLoadState, { ...TEXTS, error: '', empty: true });
    await flush();
    expect(shown(element)).toEqual(['empty']);
    expect($(element, '[data-id="empty"]')!.textContent).toBe(TEXTS.emptyText);
    expect($(element, '[data-id="empty"]')!.className).toContain('slds-text-align_center');
    Object.assign(element, { compact: true });
    await flush();
    expect($(element, '[data-id="empty"]')!.className).toBe('slds-text-color_weak');
    await expect(element).toBeAccessible();
  });

  it('renders the slotted data when no other state holds, and only then', async () => {
    const element = mount('c-s2s-load-state', S2sLoadState, TEXTS);
    await flush();
    expect(shown(element)).toEqual(['data']);
    Object.assign(element, { loading: true });
    await flush();
    expect(shown(element)).toEqual(['loading']);
    Object.assign(element, { loading: false });
    await flush();
    expect(shown(element)).toEqual(['data']);
    await expect(element).toBeAccessible();
  });
});
