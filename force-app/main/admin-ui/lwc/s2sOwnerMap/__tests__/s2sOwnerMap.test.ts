import { createElement } from 'lwc';
import S2sOwnerMap from 'c/s2sOwnerMap';
import getConnections from '@salesforce/apex/S2SConnectionsController.getConnections';
import getOwnerMap from '@salesforce/apex/S2SOwnerMapController.getOwnerMap';
import saveOwnerMap from '@salesforce/apex/S2SOwnerMapController.saveOwnerMap';

jest.mock(
  '@salesforce/apex/S2SConnectionsController.getConnections',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock('@salesforce/apex/S2SOwnerMapController.getOwnerMap', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SOwnerMapController.saveOwnerMap', () => ({ default: jest.fn() }), {
  virtual: true
});

const mocked = (fn: unknown): jest.Mock => fn as jest.Mock;
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const CONNECTIONS = [
  { Id: 'a00000000000001AAA', Name: 'Sales org' },
  { Id: 'a00000000000002AAA', Name: 'Service org' }
];
const ENTRIES = [
  { kind: 'Federation_Id', source: 'E10442', targetUsername: 'grace@service.example' },
  { kind: 'Email', source: 'ada@sales.example', targetUsername: 'ada@service.example' }
];

async function render(): Promise<HTMLElement> {
  const element = createElement('c-s2s-owner-map', { is: S2sOwnerMap });
  document.body.appendChild(element);
  await flush();
  await flush();
  return element;
}

const rows = (root: HTMLElement): Element[] =>
  Array.from(root.shadowRoot!.querySelectorAll('[data-row]'));

function change(el: Element, value: string): void {
  el.dispatchEvent(new CustomEvent('change', { detail: { value } }));
}

describe('c-s2s-owner-map', () => {
  beforeEach(() => {
    mocked(getConnections).mockResolvedValue(CONNECTIONS);
    mocked(getOwnerMap).mockResolvedValue(ENTRIES);
    mocked(saveOwnerMap).mockResolvedValue(2);
  });
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('shows the first connection’s entries, one row each', async () => {
    const element = await render();
    expect(mocked(getOwnerMap)).toHaveBeenCalledWith({ connectionId: 'a00000000000001AAA' });
    expect(rows(element)).toHaveLength(2);
    const inputs = element.shadowRoot!.querySelectorAll('lightning-input');
    expect((inputs[0] as unknown as { value: string }).value).toBe('E10442');
    expect((inputs[1] as unknown as { value: string }).value).toBe('grace@service.example');
    await expect(element).toBeAccessible();
  });

  it('says so when the map is empty, and loads another connection’s map when picked', async () => {
    mocked(getOwnerMap).mockResolvedValueOnce([]).mockResolvedValueOnce(ENTRIES);
    const element = await render();
    expect(element.shadowRoot!.querySelector('[data-id="empty"]')).not.toBeNull();
    change(element.shadowRoot!.querySelector('[data-id="connection"]')!, 'a00000000000002AAA');
    await flush();
    expect(mocked(getOwnerMap)).toHaveBeenLastCalledWith({ connectionId: 'a00000000000002AAA' });
    expect(rows(element)).toHaveLength(2);
  });

  it('adds, edits and removes rows, then saves the whole map', async () => {
    const element = await render();
    (element.shadowRoot!.querySelector('[data-id="add"]') as HTMLElement).click();
    await flush();
    expect(rows(element)).toHaveLength(3);
    const third = rows(element)[2];
    change(third.querySelector('[data-field="source"]')!, 'linus@sales.example');
    change(third.querySelector('[data-field="targetUsername"]')!, 'linus@service.example');
    await flush();
    (rows(element)[0].querySelector('lightning-button-icon') as HTMLElement).click();
    await flush();
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (e) =>
      toasts.push((e as CustomEvent).detail.variant)
    );
    (element.shadowRoot!.querySelector('[data-id="save"]') as HTMLElement).click();
    await flush();
    expect(mocked(saveOwnerMap)).toHaveBeenCalledWith({
      connectionId: 'a00000000000001AAA',
      entries: [
        ENTRIES[1],
        { kind: 'Email', source: 'linus@sales.example', targetUsername: 'linus@service.example' }
      ]
    });
    expect(toasts).toEqual(['success']);
  });

  it('shows the controller’s errors, naming each entry, and keeps the rows', async () => {
    mocked(saveOwnerMap).mockRejectedValue({
      body: {
        message:
          'Connection "Sales org", owner map entry 2, field Target_Username__c: a username of this org, 1-80 characters'
      }
    });
    const element = await render();
    (element.shadowRoot!.querySelector('[data-id="save"]') as HTMLElement).click();
    await flush();
    const error = element.shadowRoot!.querySelector('[data-id="error"]');
    expect(error?.textContent).toContain('owner map entry 2, field Target_Username__c');
    expect(rows(element)).toHaveLength(2);
    await expect(element).toBeAccessible();
  });

  it('tells a user without S2S_Administer that the screen is not for them', async () => {
    mocked(getConnections).mockRejectedValue({
      body: { message: 'You need the S2S_Administer permission' }
    });
    const element = await render();
    expect(element.shadowRoot!.querySelector('[data-id="denied"]')).not.toBeNull();
    expect(element.shadowRoot!.querySelector('[data-id="save"]')).toBeNull();
  });
});
