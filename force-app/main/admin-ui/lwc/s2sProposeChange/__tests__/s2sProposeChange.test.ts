import S2sProposeChange from 'c/s2sProposeChange';
import proposeChange from '@salesforce/apex/S2SChangeRequestController.proposeChange';
import { $, cleanDom, fire, flush, mocked, mount } from 'test-utils/s2sLwc';

jest.mock(
  '@salesforce/apex/S2SChangeRequestController.proposeChange',
  () => ({ default: jest.fn() }),
  { virtual: true }
);

const DRAFT = {
  id: 'a02000000000001AAA',
  connectionId: 'a00000000000001AAA',
  sourceObject: 'Account',
  targetObject: 'Account',
  direction: 'Outbound',
  triggerMode: 'Realtime_Trigger',
  scheduleCron: '',
  filter: 'Phone != null',
  conflictPolicy: 'Source_Wins',
  deletePolicy: 'Ignore',
  leaveFilterPolicy: 'Ignore',
  matchField: '',
  sequence: 10,
  ownerRule: 'Keep_Default',
  active: true
};
const ROWS = [
  {
    key: 'r1',
    id: 'a03000000000001AAA',
    sourceField: 'Phone',
    sourceExpression: '',
    targetField: 'Phone',
    transforms: '',
    sensitive: false,
    active: true
  }
];

type Validity = HTMLElement & { setCustomValidity: jest.Mock; reportValidity: jest.Mock };

function render(): { element: HTMLElement; reason: Validity } {
  const element = mount('c-s2s-propose-change', S2sProposeChange, { draft: DRAFT, rows: ROWS });
  const reason = $(element, '[data-id="reason"]') as Validity;
  reason.setCustomValidity = jest.fn();
  reason.reportValidity = jest.fn();
  return { element, reason };
}

describe('c-s2s-propose-change', () => {
  afterEach(() => {
    cleanDom();
    jest.clearAllMocks();
  });

  it('asks for the reason on its field before proposing', async () => {
    const { element, reason } = render();
    $(element, '[data-id="submit"]')!.click();
    await flush();
    expect(reason.setCustomValidity).toHaveBeenCalledWith('c.S2S_Propose_Reason_Required');
    expect(reason.reportValidity).toHaveBeenCalled();
    expect(mocked(proposeChange)).not.toHaveBeenCalled();
    await expect(element).toBeAccessible();
  });

  it('proposes the mapping as edited with the reason and says so', async () => {
    const { element, reason } = render();
    const proposed = jest.fn();
    const toasts = jest.fn();
    element.addEventListener('proposed', (e) => proposed((e as CustomEvent).detail));
    element.addEventListener('lightning__showtoast', toasts);
    mocked(proposeChange).mockResolvedValue('a09000000000002AAA');
    fire(reason, { value: '  Support needs the phone number ' });
    expect(reason.setCustomValidity).toHaveBeenLastCalledWith('');
    $(element, '[data-id="submit"]')!.click();
    await flush();
    const args = mocked(proposeChange).mock.calls[0][0];
    expect(args.reason).toBe('Support needs the phone number');
    expect(Object.values(args.mapping)).toContain('Phone != null');
    expect(args.fields).toHaveLength(1);
    expect(proposed).toHaveBeenCalledWith({ id: 'a09000000000002AAA' });
    expect(toasts).toHaveBeenCalled();
  });

  it('shows a refusal about the reason on the field, any other below the button', async () => {
    const { element, reason } = render();
    fire(reason, { value: 'x' });
    mocked(proposeChange).mockRejectedValueOnce({
      body: { message: 'Reason: say why the mapping should change; the reviewer reads it.' }
    });
    $(element, '[data-id="submit"]')!.click();
    await flush();
    expect(reason.setCustomValidity).toHaveBeenLastCalledWith(expect.stringContaining('Reason:'));
    mocked(proposeChange).mockRejectedValueOnce({
      body: { message: 'Nothing changed: the proposal is the same as the mapping as it is now.' }
    });
    $(element, '[data-id="submit"]')!.click();
    await flush();
    await flush();
    const error = $(element, '[data-id="propose-error"]')!;
    expect(error.textContent).toContain('Nothing changed');
    expect(element.shadowRoot!.activeElement).toBe(error);
    await expect(element).toBeAccessible();
  });

  it('moves the focus to the reason when asked', () => {
    const { element, reason } = render();
    const focus = jest.spyOn(reason, 'focus');
    (element as unknown as { focusReason(): void }).focusReason();
    expect(focus).toHaveBeenCalled();
  });
});
