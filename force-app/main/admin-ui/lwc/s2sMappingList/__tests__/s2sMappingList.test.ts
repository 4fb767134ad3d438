import { $, $$, cleanDom, fire, flush, mocked, mount, texts } from 'test-utils/s2sLwc';
import S2sMappingList from 'c/s2sMappingList';
import LightningConfirm from 'lightning/confirm';
import deleteMapping from '@salesforce/apex/S2SMappingController.deleteMapping';

jest.mock('@salesforce/apex/S2SMappingController.deleteMapping', () => ({ default: jest.fn() }), {
  virtual: true
});

const base = {
  connectionId: 'a01000000000001AAA',
  direction: 'Outbound',
  triggerMode: 'Realtime_Trigger',
  scheduleCron: '',
  filter: '',
  conflictPolicy: 'Source_Wins',
  deletePolicy: 'Ignore',
  leaveFilterPolicy: 'Ignore',
  matchField: '',
  ownerRule: 'Keep_Default'
};
const MAPPINGS = [
  {
    ...base,
    id: 'a02A',
    sourceObject: 'Account',
    targetObject: 'Account',
    sequence: 10,
    active: true
  },
  {
    ...base,
    id: 'a02B',
    sourceObject: 'Contact',
    targetObject: 'Contact',
    sequence: null,
    active: false
  }
];

describe('c-s2s-mapping-list', () => {
  afterEach(() => {
    cleanDom();
    jest.restoreAllMocks();
    jest.clearAllMocks();
  });

  it('filters by text and by active state', async () => {
    const element = mount('c-s2s-mapping-list', S2sMappingList, { mappings: MAPPINGS });
    await flush();
    expect(texts($$(element, 'tbody th'))).toEqual(['Account → Account', 'Contact → Contact']);
    await expect(element).toBeAccessible();
    fire($(element, '[data-id="list-status"]')!, { value: 'inactive' });
    await flush();
    expect(texts($$(element, 'tbody th'))).toEqual(['Contact → Contact']);
    fire($(element, '[data-id="list-status"]')!, { value: 'active' });
    fire($(element, '[data-id="list-search"]')!, { value: 'contact' });
    await flush();
    expect($(element, '[data-id="list-no-match"]')).not.toBeNull();
  });

  it('asks before deleting, then deletes and says so', async () => {
    const confirm = jest.spyOn(LightningConfirm as unknown as { open(): Promise<boolean> }, 'open');
    const element = mount('c-s2s-mapping-list', S2sMappingList, { mappings: MAPPINGS });
    const deleted = jest.fn();
    element.addEventListener('deleted', deleted);
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (event) =>
      toasts.push((event as CustomEvent).detail.variant)
    );
    await flush();
    confirm.mockResolvedValueOnce(false);
    $(element, '[data-action="delete"][data-id="a02B"]')!.click();
    await flush();
    expect(mocked(deleteMapping)).not.toHaveBeenCalled();
    confirm.mockResolvedValueOnce(true);
    mocked(deleteMapping).mockResolvedValueOnce(undefined);
    $(element, '[data-action="delete"][data-id="a02B"]')!.click();
    await flush();
    expect(mocked(deleteMapping)).toHaveBeenCalledWith({ mappingId: 'a02B' });
    expect(deleted).toHaveBeenCalledTimes(1);
    confirm.mockResolvedValueOnce(true);
    mocked(deleteMapping).mockRejectedValueOnce({ body: { message: 'insufficient access' } });
    $(element, '[data-action="delete"][data-id="a02A"]')!.click();
    await flush();
    expect(toasts).toEqual(['success', 'error']);
  });
});
