import { createElement } from 'lwc';
import S2sAccessReview from 'c/s2sAccessReview';
import getAccessReview from '@salesforce/apex/S2SAccessReviewController.getAccessReview';
import { downloadText } from 'c/s2sUtils';

jest.mock(
  '@salesforce/apex/S2SAccessReviewController.getAccessReview',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock('c/s2sUtils', () => ({ ...jest.requireActual('c/s2sUtils'), downloadText: jest.fn() }));

const mocked = (fn: unknown): jest.Mock => fn as jest.Mock;
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const REVIEW = {
  truncated: false,
  generatedAt: '2026-12-03T03:00:00.000Z',
  rows: [
    {
      kind: 'PermissionSet',
      subject: 'S2S_Auditor',
      userId: '005000000000001AAA',
      displayName: 'Ada Auditor',
      username: 'ada@example.com',
      active: true
    },
    {
      kind: 'CustomPermission',
      subject: 'S2S_View_Audit',
      via: 'S2S_Auditor',
      userId: '005000000000001AAA',
      displayName: 'Ada Auditor',
      username: 'ada@example.com',
      active: true
    },
    {
      kind: 'InboundUser',
      subject: 'Service org, "EMEA"',
      username: 'nobody@example.com',
      finding: 'No user of this org has this username'
    }
  ]
};

async function render(): Promise<HTMLElement> {
  const element = createElement('c-s2s-access-review', { is: S2sAccessReview });
  document.body.appendChild(element);
  await flush();
  return element;
}

const $ = (root: HTMLElement, selector: string): HTMLElement | null =>
  root.shadowRoot!.querySelector(selector);

describe('c-s2s-access-review', () => {
  afterEach(() => {
    while (document.body.firstChild) {
      document.body.removeChild(document.body.firstChild);
    }
    jest.clearAllMocks();
  });

  it('shows every grant with what it is and the set that gives it', async () => {
    mocked(getAccessReview).mockResolvedValue(REVIEW);
    const element = await render();
    const table = $(element, '[data-id="grants"]') as HTMLElement & {
      data: { kindText: string; subject: string; via?: string; finding?: string }[];
    };
    expect(table.data.map((r) => r.kindText)).toEqual([
      'c.S2S_Access_Review_Kind_Permission_Set',
      'c.S2S_Access_Review_Kind_Custom_Permission',
      'c.S2S_Access_Review_Kind_Inbound_User'
    ]);
    expect(table.data[1].via).toBe('S2S_Auditor');
    expect(table.data[2].finding).toBe('No user of this org has this username');
    expect($(element, '[data-id="truncated"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('exports the rows shown as CSV, quoting what needs quotes', async () => {
    mocked(getAccessReview).mockResolvedValue(REVIEW);
    const element = await render();
    ($(element, '[data-id="export"]') as HTMLElement).click();
    expect(downloadText).toHaveBeenCalledTimes(1);
    const [fileName, mime, csv] = mocked(downloadText).mock.calls[0] as [string, string, string];
    expect(fileName).toMatch(/^s2s-access-review-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(mime).toBe('text/csv');
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(5); // a header, three rows, each line ended by CRLF
    expect(lines[4]).toBe('');
    expect(lines[2]).toBe(
      'c.S2S_Access_Review_Kind_Custom_Permission,S2S_View_Audit,S2S_Auditor,Ada Auditor,ada@example.com,true,'
    );
    expect(lines[3]).toBe(
      'c.S2S_Access_Review_Kind_Inbound_User,"Service org, ""EMEA""",,,nobody@example.com,,No user of this org has this username'
    );
  });

  it('says when the review was cut short', async () => {
    mocked(getAccessReview).mockResolvedValue({ ...REVIEW, truncated: true });
    const element = await render();
    expect($(element, '[data-id="truncated"]')).not.toBeNull();
  });

  it('says when nobody holds anything', async () => {
    mocked(getAccessReview).mockResolvedValue({ ...REVIEW, rows: [] });
    const element = await render();
    expect($(element, '[data-id="empty"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows why the review cannot be read', async () => {
    mocked(getAccessReview).mockRejectedValue({
      body: { message: 'You need one of these permissions: S2S_Administer, S2S_View_Audit' }
    });
    const element = await render();
    expect($(element, '[data-id="error"]')!.textContent).toContain('S2S_View_Audit');
  });
});
