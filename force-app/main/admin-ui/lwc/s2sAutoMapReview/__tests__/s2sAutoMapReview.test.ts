import { $, $$, cleanDom, fire, flush, mount, texts } from 'test-utils/s2sLwc';
import S2sAutoMapReview from 'c/s2sAutoMapReview';
import { autoMapProposals } from 'c/s2sMappingModel';

const field = (
  name: string,
  type = 'string'
): { name: string; label: string; type: string; updateable: boolean } => ({
  name,
  label: name,
  type,
  updateable: true
});
// Contact as both orgs describe it: the same 7 writable fields.
const CONTACT = [
  'LastName',
  'Email',
  'MailingState',
  'MailingStateCode',
  'Jigsaw',
  'CleanStatus',
  'EmailBouncedDate'
].map((name) => field(name));

describe('c-s2s-auto-map-review', () => {
  afterEach(cleanDom);

  it('leaves system fields and the text twin of a code field unticked, and applies the ticked ones', async () => {
    const proposals = autoMapProposals(CONTACT, CONTACT, []);
    const element = mount('c-s2s-auto-map-review', S2sAutoMapReview, { proposals });
    await flush();
    const boxes = $$(element, 'lightning-input') as (HTMLElement & { checked: boolean })[];
    expect(boxes.map((box) => box.checked)).toEqual([true, true, false, true, false, false, false]);
    expect(texts($$(element, '[data-id="note"]'))[2]).toBe('c.S2S_Mapping_Auto_Map_Duplicate');
    await expect(element).toBeAccessible();
    const applied: string[][] = [];
    element.addEventListener('apply', (event) => applied.push((event as CustomEvent).detail.keys));
    fire(boxes[4], { checked: true });
    await flush();
    $(element, '[data-id="review-apply"]')!.click();
    const keys = proposals.map((p) => p.row.key);
    expect(applied).toEqual([[keys[0], keys[1], keys[3], keys[4]]]);
  });

  it('closes on Cancel and Escape, and says when there is nothing to add', async () => {
    const element = mount('c-s2s-auto-map-review', S2sAutoMapReview, { proposals: [] });
    const closed = jest.fn();
    element.addEventListener('close', closed);
    await flush();
    expect($(element, '[data-id="no-proposals"]')).not.toBeNull();
    expect(
      ($(element, '[data-id="review-apply"]') as HTMLElement & { disabled: boolean }).disabled
    ).toBe(true);
    $(element, '[data-id="review-cancel"]')!.click();
    $(element, '[data-id="review"]')!.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'Escape' })
    );
    expect(closed).toHaveBeenCalledTimes(2);
  });
});
