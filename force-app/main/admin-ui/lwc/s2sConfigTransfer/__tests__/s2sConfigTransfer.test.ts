import { $, cleanDom, fire, flush, mocked, mount, texts, $$ } from 'test-utils/s2sLwc';
import S2sConfigTransfer from 'c/s2sConfigTransfer';
import exportConfiguration from '@salesforce/apex/S2SMappingController.exportConfiguration';
import importConfiguration from '@salesforce/apex/S2SMappingController.importConfiguration';

jest.mock(
  '@salesforce/apex/S2SMappingController.exportConfiguration',
  () => ({ default: jest.fn() }),
  { virtual: true }
);
jest.mock(
  '@salesforce/apex/S2SMappingController.importConfiguration',
  () => ({ default: jest.fn() }),
  { virtual: true }
);

describe('c-s2s-config-transfer', () => {
  afterEach(() => {
    cleanDom();
    jest.clearAllMocks();
  });

  it('exports the configuration as a JSON download, or says why not', async () => {
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    mocked(exportConfiguration).mockResolvedValueOnce('{"version":1}');
    const element = mount('c-s2s-config-transfer', S2sConfigTransfer);
    $(element, '[data-id="export"]')!.click();
    await flush();
    expect(click).toHaveBeenCalledTimes(1);
    mocked(exportConfiguration).mockRejectedValueOnce({
      body: { message: 'System.NoAccessException: nope' }
    });
    const toasts: string[] = [];
    element.addEventListener('lightning__showtoast', (event) =>
      toasts.push((event as CustomEvent).detail.message)
    );
    $(element, '[data-id="export"]')!.click();
    await flush();
    expect(toasts).toEqual(['nope']);
    click.mockRestore();
  });

  it('imports a configuration and reports counts, warnings or the errors', async () => {
    const element = mount('c-s2s-config-transfer', S2sConfigTransfer);
    const imported = jest.fn();
    element.addEventListener('imported', imported);
    fire($(element, '[data-id="import-text"]')!, { value: '{"version":1}' });
    mocked(importConfiguration).mockResolvedValueOnce({
      success: true,
      connections: 1,
      objectMappings: 2,
      fieldMappings: 9,
      errors: [],
      warnings: ['Mapping "Contact": the peer org could not be asked. Saved inactive.']
    });
    $(element, '[data-id="import"]')!.click();
    await flush();
    expect(mocked(importConfiguration)).toHaveBeenCalledWith({
      configurationJson: '{"version":1}'
    });
    expect($(element, '[data-id="import-message"]')!.textContent).toBe('c.S2S_Mapping_Imported');
    expect(texts($$(element, '[data-id="import-warnings"] li'))).toEqual([
      'Mapping "Contact": the peer org could not be asked. Saved inactive.'
    ]);
    expect(imported).toHaveBeenCalledTimes(1);
    await expect(element).toBeAccessible();
    mocked(importConfiguration).mockResolvedValueOnce({
      success: false,
      errors: ['Account → Account, field Foo__c: unknown']
    });
    $(element, '[data-id="import"]')!.click();
    await flush();
    expect(texts($$(element, '[data-id="import-errors"] li'))).toEqual([
      'Account → Account, field Foo__c: unknown'
    ]);
    mocked(importConfiguration).mockRejectedValueOnce({
      body: { message: 'The configuration is empty' }
    });
    $(element, '[data-id="import"]')!.click();
    await flush();
    expect(texts($$(element, '[data-id="import-errors"] li'))).toEqual([
      'The configuration is empty'
    ]);
  });
});
