import { $, cleanDom, flush, mount } from 'test-utils/s2sLwc';
import S2sPager from 'c/s2sPager';

type Button = HTMLElement & { disabled: boolean; label: string };

describe('c-s2s-pager', () => {
  afterEach(() => {
    cleanDom();
  });

  it('shows the page between Previous and Next, disabled at either end', async () => {
    const element = mount('c-s2s-pager', S2sPager, { pageText: 'Page 1 of 1', atFirst: true });
    await flush();
    expect($(element, '[data-id="page"]')!.textContent).toBe('Page 1 of 1');
    expect(($(element, '[data-id="previous"]') as Button).label).toBe('c.S2S_Audit_Previous');
    expect(($(element, '[data-id="next"]') as Button).label).toBe('c.S2S_Audit_Next');
    expect(($(element, '[data-id="previous"]') as Button).disabled).toBe(true);
    expect(($(element, '[data-id="next"]') as Button).disabled).toBe(false);
    Object.assign(element, { atFirst: false, atLast: true });
    await flush();
    expect(($(element, '[data-id="previous"]') as Button).disabled).toBe(false);
    expect(($(element, '[data-id="next"]') as Button).disabled).toBe(true);
    await expect(element).toBeAccessible();
  });

  it('asks for the page before and after', async () => {
    const element = mount('c-s2s-pager', S2sPager, { pageText: 'Page 2 of 3' });
    const asked: string[] = [];
    element.addEventListener('previous', () => asked.push('previous'));
    element.addEventListener('next', () => asked.push('next'));
    await flush();
    $(element, '[data-id="next"]')!.click();
    $(element, '[data-id="previous"]')!.click();
    expect(asked).toEqual(['next', 'previous']);
  });
});
