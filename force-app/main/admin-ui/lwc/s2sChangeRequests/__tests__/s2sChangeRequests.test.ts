import S2sChangeRequests from 'c/s2sChangeRequests';
import LightningConfirm from 'lightning/confirm';
import getAccess from '@salesforce/apex/S2SAdminAccessController.getAccess';
import getVersions from '@salesforce/apex/S2SChangeRequestController.getVersions';
import getDiff from '@salesforce/apex/S2SChangeRequestController.getDiff';
import approve from '@salesforce/apex/S2SChangeRequestController.approve';
import reject from '@salesforce/apex/S2SChangeRequestController.reject';
import rollback from '@salesforce/apex/S2SChangeRequestController.rollback';
import { $, $$, cleanDom, fire, flush, mocked, mount, texts } from 'test-utils/s2sLwc';

jest.mock('@salesforce/apex/S2SAdminAccessController.getAccess', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock(
  '@salesforce/apex/S2SChangeRequestController.getVersions',
  () => ({ default: jest.fn() }),
  {
    virtual: true
  }
);
jest.mock('@salesforce/apex/S2SChangeRequestController.getDiff', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SChangeRequestController.approve', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SChangeRequestController.reject', () => ({ default: jest.fn() }), {
  virtual: true
});
jest.mock('@salesforce/apex/S2SChangeRequestController.rollback', () => ({ default: jest.fn() }), {
  virtual: true
});

const ADMIN = { canAdminister: true, canProposeMappingChange: false };
const ANALYST = { canAdminister: false, canProposeMappingChange: true };

const PROPOSAL = {
  id: 'a09000000000002AAA',
  name: 'MV-0000002',
  versionNumber: 2,
  status: 'Proposed',
  origin: 'Proposal',
  mappingId: 'a03000000000001AAA',
  mappingLabel: 'Account → Account',
  connectionName: 'Service org',
  proposedBy: 'Ana Lyst',
  proposedAt: '2026-12-01T10:00:00.000Z',
  reason: 'Support needs the phone number',
  basedOnVersion: 1,
  canReview: true,
  canRollback: false
};
const BASELINE = {
  ...PROPOSAL,
  id: 'a09000000000001AAA',
  name: 'MV-0000001',
  versionNumber: 1,
  status: 'Superseded',
  origin: 'Baseline',
  reason: undefined,
  canReview: false,
  canRollback: true
};
const DIFF = {
  version: PROPOSAL,
  comparedWithVersion: 1,
  differences: [
    { section: 'Setting', key: 'filter', change: 'Added', after: 'Phone != null', properties: [] },
    {
      section: 'Field',
      key: 'Phone',
      change: 'Added',
      after: 'sourceField: Phone; active',
      properties: []
    },
    {
      section: 'Field',
      key: 'Name',
      change: 'Changed',
      before: 'sourceField: Name; active',
      after: 'sourceField: Name; sensitive; active',
      properties: ['sensitive']
    }
  ]
};

async function render(
  access: unknown = ADMIN,
  versions: unknown[] = [PROPOSAL]
): Promise<HTMLElement> {
  mocked(getVersions).mockResolvedValue(versions);
  mocked(getAccess).mockResolvedValue(access);
  const element = mount('c-s2s-change-requests', S2sChangeRequests);
  await flush();
  return element;
}

async function openReview(element: HTMLElement, diff: unknown = DIFF): Promise<void> {
  mocked(getDiff).mockResolvedValue(diff);
  $(element, '[data-action="view"]')!.click();
  await flush();
}

function confirmWith(answer: boolean): jest.SpyInstance {
  return jest
    .spyOn(LightningConfirm as unknown as { open(): Promise<boolean> }, 'open')
    .mockResolvedValue(answer);
}

describe('c-s2s-change-requests', () => {
  afterEach(() => {
    cleanDom();
    jest.restoreAllMocks();
    jest.clearAllMocks();
  });

  it('shows a spinner while loading', () => {
    mocked(getAccess).mockReturnValue(new Promise(() => undefined));
    const element = mount('c-s2s-change-requests', S2sChangeRequests);
    expect($(element, 'c-s2s-load-state', 'lightning-spinner')).not.toBeNull();
  });

  it('lists the open requests first, with who asked and why', async () => {
    const element = await render();
    expect(mocked(getVersions)).toHaveBeenCalledWith({ status: 'Proposed', mappingId: null });
    const cells = texts($$(element, 'tbody td'));
    expect(cells).toContain('Account → Account');
    expect(cells).toContain('Support needs the phone number');
    expect(cells.some((text) => text.includes('Ana Lyst'))).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('says what to do when there is nothing, and reloads on another status', async () => {
    const element = await render(ADMIN, []);
    expect($(element, '[data-id="empty"]')).not.toBeNull();
    mocked(getVersions).mockResolvedValue([BASELINE]);
    fire($(element, '[data-id="status"]')!, { value: '' });
    await flush();
    expect(mocked(getVersions)).toHaveBeenLastCalledWith({ status: null, mappingId: null });
    expect($(element, '[data-id="empty"]')).toBeNull();
    await expect(element).toBeAccessible();
  });

  it('shows the permission message to a user who neither administers nor proposes', async () => {
    const element = await render({ canAdminister: false, canProposeMappingChange: false });
    expect($(element, 'c-s2s-load-state', '[data-id="denied"]')).not.toBeNull();
    expect(mocked(getVersions)).not.toHaveBeenCalled();
  });

  it('shows the error when the access cannot be read', async () => {
    mocked(getAccess).mockRejectedValue({ body: { message: 'Apex class access denied' } });
    const element = mount('c-s2s-change-requests', S2sChangeRequests);
    await flush();
    expect($(element, 'c-s2s-load-state', '[data-id="error"]')!.textContent).toContain(
      'Apex class access denied'
    );
  });

  it('shows the error when the list cannot be read', async () => {
    mocked(getAccess).mockResolvedValue(ADMIN);
    mocked(getVersions).mockRejectedValue({ body: { message: 'No access to versions' } });
    const element = mount('c-s2s-change-requests', S2sChangeRequests);
    await flush();
    expect($(element, 'c-s2s-load-state', '[data-id="error"]')!.textContent).toContain(
      'No access to versions'
    );
  });

  it('shows the difference side by side and moves the focus to it', async () => {
    const element = await render();
    await openReview(element);
    await flush();
    expect(mocked(getDiff)).toHaveBeenCalledWith({ versionId: PROPOSAL.id });
    const title = $(element, '[data-id="diff-title"]')!;
    expect(title.textContent).toContain('S2S_CR_Diff_Title');
    expect(element.shadowRoot!.activeElement).toBe(title);
    const rows = $$(element, '[data-id="diff"] tbody tr');
    expect(rows).toHaveLength(3);
    expect(rows[2].textContent).toContain('(sensitive)');
    expect(texts($$(element, '.s2s-after'))).toContain('Phone != null');
    await expect(element).toBeAccessible();
  });

  it('lets an analyst read the difference but not approve or reject', async () => {
    const element = await render(ANALYST, [{ ...PROPOSAL, canReview: false }]);
    await openReview(element, { ...DIFF, version: { ...PROPOSAL, canReview: false } });
    expect($(element, '[data-id="approve"]')).toBeNull();
    expect($(element, '[data-id="reject"]')).toBeNull();
    expect($(element, '[data-id="diff"]')).not.toBeNull();
  });

  it('approves after a confirmation and reloads the list', async () => {
    const element = await render();
    await openReview(element);
    const confirm = confirmWith(true);
    mocked(approve).mockResolvedValue({ success: true, versionId: PROPOSAL.id });
    mocked(getVersions).mockResolvedValue([]);
    $(element, '[data-id="approve"]')!.click();
    await flush();
    await flush();
    expect(confirm).toHaveBeenCalled();
    expect(mocked(approve)).toHaveBeenCalledWith({ versionId: PROPOSAL.id, comment: null });
    expect($(element, '[data-id="review"]')).toBeNull();
    expect($(element, '[data-id="empty"]')).not.toBeNull();
  });

  it('keeps the request open and lists why when the engine refuses the approval', async () => {
    const element = await render();
    await openReview(element);
    confirmWith(true);
    mocked(approve).mockResolvedValue({
      success: false,
      errors: ['Target_Field__c: the peer org has no field Fax_Number__c on Account.']
    });
    $(element, '[data-id="approve"]')!.click();
    await flush();
    await flush();
    const alert = $(element, '[data-id="step-errors"]')!;
    expect(alert.textContent).toContain('Fax_Number__c');
    expect(element.shadowRoot!.activeElement).toBe(alert);
    expect($(element, '[data-id="review"]')).not.toBeNull();
    await expect(element).toBeAccessible();
  });

  it('does nothing when the confirmation is cancelled and gives the focus back', async () => {
    const element = await render();
    await openReview(element);
    confirmWith(false);
    const button = $(element, '[data-id="approve"]')!;
    const focus = jest.spyOn(button, 'focus');
    button.click();
    await flush();
    expect(mocked(approve)).not.toHaveBeenCalled();
    expect(focus).toHaveBeenCalled();
  });

  it('refuses to reject without a comment, on the comment field, and rejects with one', async () => {
    const element = await render();
    await openReview(element);
    const comment = $(element, '[data-id="comment"]') as HTMLElement & {
      setCustomValidity: jest.Mock;
      reportValidity: jest.Mock;
    };
    comment.setCustomValidity = jest.fn();
    comment.reportValidity = jest.fn();
    const confirm = confirmWith(true);
    $(element, '[data-id="reject"]')!.click();
    await flush();
    expect(comment.setCustomValidity).toHaveBeenCalledWith('c.S2S_CR_Comment_Required');
    expect(comment.reportValidity).toHaveBeenCalled();
    expect(confirm).not.toHaveBeenCalled();
    fire(comment, { value: 'Phone is personal data here' });
    mocked(reject).mockResolvedValue(undefined);
    $(element, '[data-id="reject"]')!.click();
    await flush();
    await flush();
    expect(comment.setCustomValidity).toHaveBeenLastCalledWith('');
    expect(mocked(reject)).toHaveBeenCalledWith({
      versionId: PROPOSAL.id,
      comment: 'Phone is personal data here'
    });
  });

  it('rolls back to an earlier version with a reason', async () => {
    const element = await render(ADMIN, [BASELINE]);
    await openReview(element, { version: BASELINE, comparedWithVersion: 2, differences: [] });
    expect($(element, '[data-id="no-diff"]')).not.toBeNull();
    fire($(element, '[data-id="rollback-reason"]')!, { value: 'Phone went out unmasked' });
    confirmWith(true);
    mocked(rollback).mockResolvedValue({ success: true, versionId: 'a09000000000003AAA' });
    $(element, '[data-id="rollback"]')!.click();
    await flush();
    await flush();
    expect(mocked(rollback)).toHaveBeenCalledWith({
      versionId: BASELINE.id,
      reason: 'Phone went out unmasked'
    });
    expect($(element, '[data-id="review"]')).toBeNull();
  });

  it('shows a refused step thrown by the controller and closes the review on Close', async () => {
    const element = await render();
    await openReview(element);
    confirmWith(true);
    mocked(approve).mockRejectedValue({
      body: { message: 'The mapping changed after this proposal was made' }
    });
    $(element, '[data-id="approve"]')!.click();
    await flush();
    await flush();
    expect($(element, '[data-id="step-errors"]')!.textContent).toContain('changed after');
    const view = $(element, '[data-action="view"]')!;
    const focus = jest.spyOn(view, 'focus');
    $(element, '[data-id="close"]')!.click();
    await flush();
    expect($(element, '[data-id="review"]')).toBeNull();
    expect(focus).toHaveBeenCalled();
  });

  it('shows why a difference cannot be read', async () => {
    const element = await render();
    mocked(getDiff).mockRejectedValue({ body: { message: 'This mapping version does not exist' } });
    $(element, '[data-action="view"]')!.click();
    await flush();
    expect($(element, '[data-id="diff-error"]')!.textContent).toContain('does not exist');
  });
});
