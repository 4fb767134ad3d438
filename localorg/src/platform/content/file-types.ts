// A file's extension and type from the name it was uploaded with (Object Reference, "ContentVersion":
// FileExtension "File extension of the document"; FileType "Type of document, determined by
// ContentUrl for links or PathOnClient for documents"). The type names are those a real org shows
// for these extensions (the Object Reference lists no table): upper case, `_X` for the Office Open
// XML formats; LINK for a ContentUrl; UNKNOWN for anything else.
const TYPES: Record<string, string> = {
  pdf: 'PDF',
  txt: 'TEXT',
  csv: 'CSV',
  png: 'PNG',
  jpg: 'JPG',
  jpeg: 'JPEG',
  gif: 'GIF',
  bmp: 'BMP',
  doc: 'WORD',
  docx: 'WORD_X',
  xls: 'EXCEL',
  xlsx: 'EXCEL_X',
  xlsm: 'EXCEL_M',
  ppt: 'POWER_POINT',
  pptx: 'POWER_POINT_X',
  pptm: 'POWER_POINT_M',
  rtf: 'RTF',
  html: 'HTML',
  htm: 'HTML',
  xml: 'XML',
  json: 'JSON',
  zip: 'ZIP',
  mp3: 'MP3',
  mp4: 'MP4',
  mov: 'MOV'
};

/** The extension of a client path, lower case, without the dot ('' when it has none). */
export function extensionOf(pathOnClient: string): string {
  const name = pathOnClient.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The file name of a client path without its extension: a version's Title when none is given. */
export function baseNameOf(pathOnClient: string): string {
  const name = pathOnClient.split(/[\\/]/).pop() ?? '';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/** FileType for an extension (or LINK for a ContentUrl version). */
export function fileTypeOf(extension: string, isLink: boolean): string {
  if (isLink) return 'LINK';
  return TYPES[extension] ?? 'UNKNOWN';
}
