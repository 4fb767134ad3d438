import { createElement } from 'lwc';
import S2sInitialLoad, { CHANNEL } from 'c/s2sInitialLoad';
import { subscribe } from 'lightning/empApi';
import getMappings from '@salesforce/apex/S2SLoadController.getMappings';
import getRuns from '@salesforce/apex/S2SLoadController.getRuns';
import countRecords from '@salesforce/apex/S2SLoadController.countRecords';
import startLoad from '@salesforce/apex/S2SLoadController.startLoad';
import changeRun from '@salesforce/apex/S2SLoadController.changeRun';
import rollbackLoad from '@salesforce/apex/S2SLoadController.rollbackLoad';

jest.mock('@salesforce/apex/S2SLoadController.getMappings', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SLoadController.getRuns', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SLoadController.countRecords', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SLoadController.startLoad', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SLoadController.changeRun', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SLoadController.rollbackLoad', () => ({ default: jest.fn() }), {
  virtual: true
});

const mocked = (fn: unknown): jest.Mock => fn as jest.Mock;
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const MAPPINGS = [
  {
    id: 'a02000000000001AAA',
    name: 'Accounts',
    connectionName: 'Service org',
    mode: 'Package',
    sourceObject: 'Account',
    sequence: 10
  },
  {
    id: 'a02000000000002AAA',
    name: 'Contacts',
    connectionName: 'Service org',
    mode: 'Package',
    sourceObject: 'Contact',
    sequence: 20
  }
];
const counts = (over: Record<string, number>): Record<string, number> => ({
  expected: 4000,
  read: 0,
  inScope: 0,
  skipped: 0,
  unchanged: 0,
  queued: 0,
  bulkSent: 0,
  bulkFailed: 0,
  bulkJobs: 0,
  deleted: 0,
  restored: 0,
  notRolledBack: 0,
  ...over
});
const RUNNING = {
  id: 'a09000000000002AAA',
  name: 'LR-0000002',
  status: 'Running',
  dryRun: false,
  delivery: 'Outbox',
  counts: counts({ read: 1000, inScope: 900, queued: 900, skipped: 100 }),
  startedBy: 'Ada Admin',
  startedAt: '2026-11-26T10:00:00.000Z'
};
const COUNTED = {
  id: 'a09000000000001AAA',
  name: 'LR-0000001',
  status: 'Counted',
  dryRun: true,
  counts: counts({ read: 4000, inScope: 3600, skipped: 400 })
};

async function render(): Promise<HTMLElement> {
  const element = createElement('c-s2s-initial-load', { is: S2sInitialLoad });
  document.body.appendChild(element);
  await flush();
  return element;
}

async function choose(element: HTMLElement, mappingId: string): Promise<void> {
  const combo = element.shadowRoot!.querySelector('[data-id="mapping"]')!;
  combo.dispatchEvent(new CustomEvent('change', { detail: { value: mappingId } }));
  await flush();
}

const q = (element: HTMLElement, selector: string): HTMLElement | null =>
  element.shadowRoot!.querySelector(selector);
const textOf = (element: HTMLElement, selector: string): string =>
  (q(element, selector)?.textContent ?? '').trim();

describe('c-s2s-initial-load', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('lists the sending mappings and subscribes to the progress events', async () => {
    mocked(getMappings).mockResolvedValue(MAPPINGS);
    const element = await render();
    const combo = q(element, '[data-id="mapping"]') as unknown as {
      options: { label: string; value: string }[];
    };
    expect(combo.options.map((o) => o.value)).toEqual([MAPPINGS[0].id, MAPPINGS[1].id]);
    expect(combo.options[0].label).toBe('c.S2S_Load_Mapping_Option');
    expect(subscribe).toHaveBeenCalledWith(CHANNEL, -1, expect.any(Function));
    expect(CHANNEL).toBe('/event/S2S_Load_Progress__e');
    expect((q(element, '[data-id="start"]') as unknown as { disabled: boolean }).disabled).toBe(
      true
    );
    await expect(element).toBeAccessible();
  });

  it('shows the runs of a mapping with a progress bar and their counts', async () => {
    mocked(getMappings).mockResolvedValue(MAPPINGS);
    mocked(getRuns).mockResolvedValue([RUNNING, COUNTED]);
    const element = await render();
    await choose(element, MAPPINGS[0].id);
    expect(getRuns).toHaveBeenCalledWith({ mappingId: MAPPINGS[0].id });
    const bars = element.shadowRoot!.querySelectorAll('lightning-progress-bar');
    expect((bars[0] as unknown as { value: number }).value).toBe(25);
    expect((bars[1] as unknown as { value: number }).value).toBe(100);
    const statuses = Array.from(element.shadowRoot!.querySelectorAll('[data-id="status"]')).map(
      (e) => (e.textContent ?? '').trim()
    );
    expect(statuses).toEqual(['c.S2S_Load_Status_Running', 'c.S2S_Load_Status_Counted']);
    const buttons = Array.from(
      element.shadowRoot!.querySelectorAll(`[data-run="${RUNNING.id}"] lightning-button`)
    ).map((b) => (b as unknown as { label: string }).label);
    expect(buttons).toEqual(['c.S2S_Load_Pause', 'c.S2S_Load_Cancel']);
    await expect(element).toBeAccessible();
  });

  it('counts, starts and pauses, then reloads the runs', async () => {
    mocked(getMappings).mockResolvedValue(MAPPINGS);
    mocked(getRuns).mockResolvedValue([RUNNING]);
    mocked(countRecords).mockResolvedValue('a09000000000001AAA');
    mocked(startLoad).mockResolvedValue(RUNNING.id);
    mocked(changeRun).mockResolvedValue(RUNNING.id);
    const element = await render();
    await choose(element, MAPPINGS[0].id);
    q(element, '[data-id="count"]')!.click();
    await flush();
    expect(countRecords).toHaveBeenCalledWith({ mappingId: MAPPINGS[0].id });
    q(element, '[data-id="start"]')!.click();
    await flush();
    expect(startLoad).toHaveBeenCalledWith({ mappingId: MAPPINGS[0].id });
    q(element, '[data-action="pause"]')!.click();
    await flush();
    expect(changeRun).toHaveBeenCalledWith({ runId: RUNNING.id, action: 'pause' });
    expect(mocked(getRuns).mock.calls.length).toBe(4);
  });

  it('asks for the run name before a rollback and sends it', async () => {
    const completed = { ...RUNNING, status: 'Completed', counts: counts({ read: 4000 }) };
    mocked(getMappings).mockResolvedValue(MAPPINGS);
    mocked(getRuns).mockResolvedValue([completed]);
    mocked(rollbackLoad).mockResolvedValue(completed.id);
    const element = await render();
    await choose(element, MAPPINGS[0].id);
    q(element, '[data-action="ask-rollback"]')!.click();
    await flush();
    expect(textOf(element, '[data-id="confirm"] p')).toBe('c.S2S_Load_Rollback_Help');
    const confirm = q(element, '[data-id="confirm-rollback"]') as unknown as {
      disabled: boolean;
      click(): void;
    };
    expect(confirm.disabled).toBe(true);
    q(element, '[data-id="confirmation"]')!.dispatchEvent(
      new CustomEvent('change', { detail: { value: 'LR-0000002' } })
    );
    await flush();
    expect(confirm.disabled).toBe(false);
    await expect(element).toBeAccessible();
    confirm.click();
    await flush();
    expect(rollbackLoad).toHaveBeenCalledWith({ runId: completed.id, confirmation: 'LR-0000002' });
  });

  it('keeps the load when the admin changes their mind', async () => {
    const completed = { ...RUNNING, status: 'Completed' };
    mocked(getMappings).mockResolvedValue(MAPPINGS);
    mocked(getRuns).mockResolvedValue([completed]);
    const element = await render();
    await choose(element, MAPPINGS[0].id);
    q(element, '[data-action="ask-rollback"]')!.click();
    await flush();
    q(element, '[data-id="keep"]')!.click();
    await flush();
    expect(q(element, '[data-id="confirm"]')).toBeNull();
    expect(rollbackLoad).not.toHaveBeenCalled();
  });

  it('reloads the runs when a progress event names one of them', async () => {
    mocked(getMappings).mockResolvedValue(MAPPINGS);
    mocked(getRuns).mockResolvedValue([RUNNING]);
    const element = await render();
    await choose(element, MAPPINGS[0].id);
    const onMessage = mocked(subscribe).mock.calls[0][2] as (m: unknown) => void;
    onMessage({ data: { payload: { Run_Id__c: 'a09000000000099AAA' } } });
    await flush();
    expect(mocked(getRuns).mock.calls.length).toBe(1);
    onMessage({ data: { payload: { Run_Id__c: RUNNING.id.slice(0, 15) } } });
    await flush();
    expect(mocked(getRuns).mock.calls.length).toBe(2);
  });

  it('shows a refused action as a toast and the denied state without the permission', async () => {
    mocked(getMappings).mockRejectedValue({ body: { message: 'Needs S2S_Administer' } });
    const element = await render();
    expect(q(element, '[data-id="denied"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('says when no mapping sends records', async () => {
    mocked(getMappings).mockResolvedValue([]);
    const element = await render();
    expect(textOf(element, '[data-id="no-mappings"]')).toBe('c.S2S_Load_No_Mappings');
  });

  it('shows an error toast when an action is refused', async () => {
    mocked(getMappings).mockResolvedValue(MAPPINGS);
    mocked(getRuns).mockResolvedValue([]);
    mocked(startLoad).mockRejectedValue({ body: { message: 'Load LR-1 is running' } });
    const element = await render();
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (e) =>
      toasts.push((e as CustomEvent<{ message: string }>).detail.message)
    );
    await choose(element, MAPPINGS[0].id);
    expect(textOf(element, '[data-id="no-runs"]')).toBe('c.S2S_Load_No_Runs');
    q(element, '[data-id="start"]')!.click();
    await flush();
    expect(toasts).toEqual(['Load LR-1 is running']);
  });
});
