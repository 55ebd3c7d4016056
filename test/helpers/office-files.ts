// Small stand-ins for the files clerks send that are not .xlsx workbooks: an OLE compound file
// (D0 CF 11 E0 …) with a directory naming its streams, as an Excel 97–2003 workbook (`Workbook`)
// or a password-protected .xlsx (`EncryptionInfo`, `EncryptedPackage`, ECMA-376 part 2) has.

/** An OLE compound file: the 512-byte header, then one directory sector with these stream names. */
export function oleFile(streams: string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(header, 0);
  header.writeUInt16LE(0x003e, 24); // minor version
  header.writeUInt16LE(0x0003, 26); // major version 3
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // 512-byte sectors
  const directory = Buffer.alloc(512);
  ['Root Entry', ...streams].slice(0, 4).forEach((name, i) => {
    const entry = Buffer.from(name, 'utf16le');
    entry.copy(directory, i * 128);
    directory.writeUInt16LE(entry.length + 2, i * 128 + 64);
    directory[i * 128 + 66] = i === 0 ? 5 : 2;
  });
  return Buffer.concat([header, directory]);
}

/** What Excel 97–2003 saves (`.xls`). */
export const xlsWorkbook = () => oleFile(['Workbook', '\u0005SummaryInformation']);

/** What Excel saves for an .xlsx with "Encrypt with password". */
export const encryptedXlsx = () => oleFile(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces']);
