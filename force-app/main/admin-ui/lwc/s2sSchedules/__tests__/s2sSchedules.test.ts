import { createElement } from 'lwc';
import S2sSchedules from 'c/s2sSchedules';
import getSchedules from '@salesforce/apex/S2SSchedulesController.getSchedules';
import startSchedule from '@salesforce/apex/S2SSchedulesController.startSchedule';
import stopSchedule from '@salesforce/apex/S2SSchedulesController.stopSchedule';

jest.mock('@salesforce/apex/S2SSchedulesController.getSchedules', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SSchedulesController.startSchedule', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SSchedulesController.stopSchedule', () => ({ default: jest.fn() }), {
  virtual: true
});

const mocked = (fn: unknown): jest.Mock => fn as jest.Mock;
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const SCHEDULES = [
  {
    key: 'Sweep',
    kind: 'Sweep',
    cron: 'every 15 minutes',
    scheduled: true,
    nextRun: '2026-11-20T10:15:00.000Z',
    lastRun: '2026-11-20T10:00:00.000Z'
  },
  {
    key: 'Purge',
    kind: 'Purge',
    cron: '0 0 2 * * ?',
    scheduled: false,
    lastResult: 'Succeeded: {"purged":12}'
  },
  { key: 'Reconciliation', kind: 'Reconciliation', cron: '0 0 3 * * ?', scheduled: false },
  {
    key: 'Verification',
    kind: 'Verification',
    cron: '0 30 2 * * ?',
    scheduled: false,
    lastResult: 'Failed: Entry 2 (AUD-0000000002): its content no longer matches its hash'
  },
  {
    key: 'a02000000000001AAA',
    kind: 'Mapping',
    mappingName: 'Accounts',
    cron: '0 30 * * * ?',
    scheduled: false
  }
];

async function render(): Promise<HTMLElement> {
  const element = createElement('c-s2s-schedules', { is: S2sSchedules });
  document.body.appendChild(element);
  await flush();
  return element;
}

const text = (root: HTMLElement, selector: string): string[] =>
  Array.from(root.shadowRoot!.querySelectorAll(selector)).map((e) => (e.textContent ?? '').trim());

describe('c-s2s-schedules', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('shows a spinner while loading', () => {
    mocked(getSchedules).mockReturnValue(new Promise(() => undefined));
    const element = createElement('c-s2s-schedules', { is: S2sSchedules });
    document.body.appendChild(element);
    expect(element.shadowRoot!.querySelector('lightning-spinner')).not.toBeNull();
  });

  it('lists each schedule with its state, next and last run and last result', async () => {
    mocked(getSchedules).mockResolvedValue(SCHEDULES);
    const element = await render();
    expect(text(element, '[data-id="name"]')).toEqual([
      'c.S2S_Schedules_Sweep',
      'c.S2S_Schedules_Purge',
      'c.S2S_Schedules_Reconciliation',
      'c.S2S_Schedules_Verification',
      'c.S2S_Schedules_Mapping'
    ]);
    expect(text(element, '[data-id="state"]')).toEqual([
      'c.S2S_Schedules_Scheduled',
      'c.S2S_Schedules_Stopped',
      'c.S2S_Schedules_Stopped',
      'c.S2S_Schedules_Stopped',
      'c.S2S_Schedules_Stopped'
    ]);
    expect(text(element, '[data-id="last-result"]')[3]).toContain('Entry 2');
    expect(text(element, '[data-id="next-run"]')[0]).toBe(
      new Date('2026-11-20T10:15:00.000Z').toLocaleString()
    );
    expect(text(element, '[data-id="next-run"]')[1]).toBe('c.S2S_Schedules_Never');
    expect(text(element, '[data-id="last-result"]')[1]).toBe('Succeeded: {"purged":12}');
    const buttons = element.shadowRoot!.querySelectorAll('lightning-button');
    expect((buttons[0] as unknown as { label: string }).label).toBe('c.S2S_Schedules_Stop');
    expect((buttons[1] as unknown as { label: string }).label).toBe('c.S2S_Schedules_Start');
    await expect(element).toBeAccessible();
  });

  it('starts a stopped schedule and shows the new state the controller returns', async () => {
    mocked(getSchedules).mockResolvedValue(SCHEDULES);
    mocked(startSchedule).mockResolvedValue(
      SCHEDULES.map((s) => {
        return s.key === 'Purge'
          ? { ...s, scheduled: true, nextRun: '2026-11-21T02:00:00.000Z' }
          : s;
      })
    );
    const element = await render();
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (e) =>
      toasts.push((e as CustomEvent).detail.variant)
    );
    (element.shadowRoot!.querySelectorAll('lightning-button')[1] as HTMLElement).click();
    await flush();
    expect(startSchedule).toHaveBeenCalledWith({ key: 'Purge' });
    expect(stopSchedule).not.toHaveBeenCalled();
    expect(text(element, '[data-id="state"]')[1]).toBe('c.S2S_Schedules_Scheduled');
    expect(toasts).toEqual(['success']);
  });

  it('stops a running schedule', async () => {
    mocked(getSchedules).mockResolvedValue(SCHEDULES);
    mocked(stopSchedule).mockResolvedValue(SCHEDULES.map((s) => ({ ...s, scheduled: false })));
    const element = await render();
    (element.shadowRoot!.querySelectorAll('lightning-button')[0] as HTMLElement).click();
    await flush();
    expect(stopSchedule).toHaveBeenCalledWith({ key: 'Sweep' });
    expect(text(element, '[data-id="state"]')[0]).toBe('c.S2S_Schedules_Stopped');
  });

  it('shows the error toast when a start is refused, and keeps the list', async () => {
    mocked(getSchedules).mockResolvedValue(SCHEDULES);
    mocked(startSchedule).mockRejectedValue({
      body: { message: 'Mapping Accounts has no Schedule Cron' }
    });
    const element = await render();
    const messages: string[] = [];
    element.addEventListener('lightning__showtoast', (e) =>
      messages.push((e as CustomEvent).detail.message)
    );
    (element.shadowRoot!.querySelectorAll('lightning-button')[4] as HTMLElement).click();
    await flush();
    expect(messages).toEqual(['Mapping Accounts has no Schedule Cron']);
    expect(text(element, '[data-id="name"]')).toHaveLength(5);
  });

  it('shows the permission denied state when the controller refuses', async () => {
    mocked(getSchedules).mockRejectedValue({
      body: { message: 'You need the custom permission S2S_Administer.' }
    });
    const element = await render();
    expect(element.shadowRoot!.querySelector('[data-id="denied"]')).not.toBeNull();
  });

  it('shows the error and the empty states', async () => {
    mocked(getSchedules).mockRejectedValue({ body: { message: 'boom' } });
    let element = await render();
    expect(text(element, '[data-id="error"]')).toEqual(['boom']);
    document.body.removeChild(element);
    mocked(getSchedules).mockResolvedValue([]);
    element = await render();
    expect(element.shadowRoot!.querySelector('[data-id="empty"]')).not.toBeNull();
  });
});
