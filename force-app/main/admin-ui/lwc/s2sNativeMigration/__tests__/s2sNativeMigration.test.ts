import { createElement } from 'lwc';
import S2sNativeMigration from 'c/s2sNativeMigration';
import getReport from '@salesforce/apex/S2SNativeMigrationController.getReport';
import migrate from '@salesforce/apex/S2SNativeMigrationController.migrate';
import getJob from '@salesforce/apex/S2SNativeMigrationController.getJob';

jest.mock(
  '@salesforce/apex/S2SNativeMigrationController.getReport',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock('@salesforce/apex/S2SNativeMigrationController.migrate', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SNativeMigrationController.getJob', () => ({ default: jest.fn() }), {
  virtual: true
});

const mocked = (fn: unknown): jest.Mock => fn as jest.Mock;
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
/** Lets pending promise callbacks run without timers (the tests with fake timers). */
const settle = (): Promise<void> =>
  Array.from({ length: 10 }).reduce<Promise<void>>(
    (p) => p.then(() => undefined),
    Promise.resolve()
  );
const $ = (root: HTMLElement, selector: string): HTMLElement | null =>
  root.shadowRoot!.querySelector(selector);
const $$ = (root: HTMLElement, selector: string): HTMLElement[] =>
  Array.from(root.shadowRoot!.querySelectorAll(selector));
const text = (root: HTMLElement, selector: string): string =>
  ($(root, selector)?.textContent ?? '').trim();

const NATIVE = '0BM000000000001AAA';
const IDLE = '0BM000000000002AAA';

function report(overrides: Record<string, unknown> = {}) {
  return {
    available: true,
    complete: true,
    linksRead: 9,
    jobId: null,
    connections: [
      {
        nativeId: NATIVE,
        name: 'Service org',
        status: 'Accepted',
        connectionId: null as string | null,
        connectionActive: false,
        objects: [
          {
            objectName: 'Account',
            pairs: 40,
            withoutPartnerId: 1,
            inactive: 2,
            alreadyLinked: 0,
            mappable: true,
            reason: null,
            fields: 31
          },
          {
            objectName: 'User',
            pairs: 1,
            withoutPartnerId: 0,
            inactive: 0,
            alreadyLinked: 0,
            mappable: false,
            reason: 'object User may never be synced, "deny-list"',
            fields: 0
          }
        ]
      },
      {
        nativeId: IDLE,
        name: 'Idle org',
        status: 'Inactive',
        connectionId: null,
        connectionActive: false,
        objects: []
      }
    ],
    ...overrides
  };
}

function migrated(jobId: string | null) {
  const r = report({ jobId });
  r.connections[0] = {
    ...r.connections[0],
    connectionId: 'a00000000000001AAA',
    objects: r.connections[0].objects.map((o) => ({
      ...o,
      alreadyLinked: o.mappable ? o.pairs : 0
    }))
  };
  return r;
}

async function render(): Promise<HTMLElement> {
  const element = createElement('c-s2s-native-migration', { is: S2sNativeMigration });
  document.body.appendChild(element);
  await flush();
  return element;
}

function choose(element: HTMLElement, nativeId: string, checked = true): void {
  const box = $(element, `lightning-input[data-id="${nativeId}"]`) as HTMLInputElement;
  box.checked = checked;
  box.dispatchEvent(new CustomEvent('change'));
}

describe('c-s2s-native-migration', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  it('shows a spinner while the dry run loads', () => {
    mocked(getReport).mockReturnValue(new Promise(() => undefined));
    const element = createElement('c-s2s-native-migration', { is: S2sNativeMigration });
    document.body.appendChild(element);
    expect($(element, 'lightning-spinner')).not.toBeNull();
  });

  it('shows the dry run per connection and object, deny-listed objects with their reason', async () => {
    mocked(getReport).mockResolvedValue(report());
    const element = await render();
    expect($$(element, 'section[data-connection]')).toHaveLength(2);
    const account = `section[data-connection="${NATIVE}"] tr[data-object="Account"]`;
    expect(text(element, `${account} [data-id="pairs"]`)).toBe('40');
    expect(text(element, `${account} [data-id="without-partner"]`)).toBe('1');
    expect(text(element, `${account} [data-id="inactive"]`)).toBe('2');
    expect(text(element, `${account} [data-id="fields"]`)).toBe('31');
    expect(
      text(
        element,
        `section[data-connection="${NATIVE}"] tr[data-object="User"] [data-id="mappable"]`
      )
    ).toContain('deny-list');
    expect($(element, `section[data-connection="${IDLE}"] [data-id="no-objects"]`)).not.toBeNull();
    expect(($(element, '[data-id="review"]') as HTMLButtonElement).disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('says when the dry run stopped at its limits', async () => {
    mocked(getReport).mockResolvedValue(report({ complete: false, linksRead: 40000 }));
    const element = await render();
    expect($(element, '[data-id="incomplete"]')).not.toBeNull();
  });

  it('says when the org has no native S2S, or no connection', async () => {
    mocked(getReport).mockResolvedValueOnce(report({ available: false, connections: [] }));
    let element = await render();
    expect($(element, '[data-id="unavailable"]')).not.toBeNull();
    document.body.removeChild(element);
    mocked(getReport).mockResolvedValueOnce(report({ connections: [] }));
    element = await render();
    expect($(element, '[data-id="empty"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('tells an admin without S2S_Administer, and shows other errors in plain words', async () => {
    mocked(getReport).mockRejectedValueOnce({ body: { message: 'Requires S2S_Administer' } });
    let element = await render();
    expect($(element, '[data-id="denied"]')).not.toBeNull();
    document.body.removeChild(element);
    mocked(getReport).mockRejectedValueOnce({
      body: { message: 'System.QueryException: something broke' }
    });
    element = await render();
    expect(text(element, '[data-id="error"]')).toBe('something broke');
  });

  it('exports the dry run as CSV', async () => {
    const clicks: string[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement
    ) {
      clicks.push(decodeURIComponent(this.href));
    });
    mocked(getReport).mockResolvedValue(report());
    const element = await render();
    $(element, '[data-id="export"]')!.click();
    expect(clicks).toHaveLength(1);
    expect(clicks[0]).toContain('Connection,Connection status');
    expect(clicks[0]).toContain('Service org,Accepted,,Account,40,1,2,0,yes,,31');
    expect(clicks[0]).toContain('"object User may never be synced, ""deny-list"""');
    click.mockRestore();
  });

  it('confirms, migrates the chosen connection and shows the result, focus following each step', async () => {
    mocked(getReport).mockResolvedValue(report());
    mocked(migrate).mockResolvedValue(migrated(null));
    const element = await render();
    choose(element, NATIVE);
    choose(element, IDLE);
    choose(element, IDLE, false);
    await flush();
    $(element, '[data-id="review"]')!.click();
    await flush();
    expect(element.shadowRoot!.activeElement).toBe($(element, '[data-id="confirm-title"]'));
    expect($$(element, '[data-id="confirm-lines"] li')).toHaveLength(1);
    await expect(element).toBeAccessible();
    $(element, '[data-id="cancel"]')!.click();
    await flush();
    expect($(element, '[data-id="report-title"]')).not.toBeNull();
    $(element, '[data-id="review"]')!.click();
    await flush();
    $(element, '[data-id="confirm"]')!.click();
    await flush();
    await flush();
    expect(mocked(migrate)).toHaveBeenCalledWith({ nativeConnectionIds: [NATIVE] });
    expect(element.shadowRoot!.activeElement).toBe($(element, '[data-id="result-title"]'));
    expect(text(element, `[data-result="${NATIVE}"] li[data-object="Account"]`)).toContain(
      '40 / 40'
    );
    expect($(element, '[data-id="job"]')).toBeNull();
    await expect(element).toBeAccessible();
    $(element, '[data-id="back"]')!.click();
    await flush();
    expect($(element, '[data-id="report-title"]')).not.toBeNull();
    expect(mocked(getReport)).toHaveBeenCalledTimes(2);
  });

  it('follows the linking batch of a large connection until it completes', async () => {
    jest.useFakeTimers();
    mocked(getReport).mockResolvedValue(report());
    mocked(migrate).mockResolvedValue(migrated('707000000000001AAA'));
    mocked(getJob)
      .mockResolvedValueOnce({ status: 'Processing', processed: 1, total: 3, errors: 0 })
      .mockResolvedValueOnce({ status: 'Completed', processed: 3, total: 3, errors: 0 });
    const element = createElement('c-s2s-native-migration', { is: S2sNativeMigration });
    document.body.appendChild(element);
    await jest.runOnlyPendingTimersAsync();
    choose(element, NATIVE);
    await jest.runOnlyPendingTimersAsync();
    $(element, '[data-id="review"]')!.click();
    await jest.runOnlyPendingTimersAsync();
    $(element, '[data-id="confirm"]')!.click();
    await settle();
    expect(text(element, '[data-id="job"]')).toBe('c.S2S_Native_Job');
    await jest.advanceTimersByTimeAsync(2000);
    expect(text(element, '[data-id="job"]')).toBe('c.S2S_Native_Job');
    await jest.advanceTimersByTimeAsync(2000);
    expect(mocked(getJob)).toHaveBeenCalledTimes(2);
    expect(text(element, '[data-id="job"]')).toBe('c.S2S_Native_Job_Done');
    expect(mocked(getReport)).toHaveBeenCalledTimes(2);
  });

  it('reports a failed migration in plain words, focus on the message', async () => {
    mocked(getReport).mockResolvedValue(report());
    mocked(migrate).mockRejectedValueOnce({
      body: {
        message: 'System.AuraHandledException: Choose at least one native connection to migrate.'
      }
    });
    const element = await render();
    choose(element, NATIVE);
    await flush();
    $(element, '[data-id="review"]')!.click();
    await flush();
    $(element, '[data-id="confirm"]')!.click();
    await flush();
    await flush();
    expect(text(element, '[data-id="error"]')).toBe(
      'Choose at least one native connection to migrate.'
    );
    expect(element.shadowRoot!.activeElement).toBe($(element, '[data-id="error"]'));
    expect($(element, '[data-id="confirm-title"]')).not.toBeNull();
  });

  it('says when the linking batch failed, and when its progress cannot be read', async () => {
    jest.useFakeTimers();
    mocked(getReport).mockResolvedValue(report());
    mocked(migrate).mockResolvedValue(migrated('707000000000001AAA'));
    mocked(getJob)
      .mockResolvedValueOnce({
        status: 'Failed',
        processed: 1,
        total: 3,
        errors: 1,
        detail: 'First error: boom'
      })
      .mockRejectedValueOnce({ body: { message: 'No job 707000000000001AAA in this org.' } });
    const element = createElement('c-s2s-native-migration', { is: S2sNativeMigration });
    document.body.appendChild(element);
    await jest.runOnlyPendingTimersAsync();
    choose(element, NATIVE);
    await jest.runOnlyPendingTimersAsync();
    $(element, '[data-id="review"]')!.click();
    await jest.runOnlyPendingTimersAsync();
    $(element, '[data-id="confirm"]')!.click();
    await settle();
    await jest.advanceTimersByTimeAsync(2000);
    expect(text(element, '[data-id="job"]')).toBe('c.S2S_Native_Job_Failed');
    // a second migration whose job cannot be read
    $(element, '[data-id="back"]')!.click();
    await jest.runOnlyPendingTimersAsync();
    choose(element, NATIVE);
    await jest.runOnlyPendingTimersAsync();
    $(element, '[data-id="review"]')!.click();
    await jest.runOnlyPendingTimersAsync();
    $(element, '[data-id="confirm"]')!.click();
    await settle();
    await jest.advanceTimersByTimeAsync(2000);
    expect(text(element, '[data-id="error"]')).toBe('No job 707000000000001AAA in this org.');
  });
});
