import JSZip from 'jszip';

export interface BundleFile {
  name: string;
  /** Strings are stored as UTF-8. */
  content: Buffer | string;
}

/**
 * The zip handed out once with a new certificate. Entries keep the given order and are DEFLATE-compressed.
 * Their timestamps are "now" in UTC: the zip format has no time zone and jszip writes UTC fields.
 */
export async function buildZip(files: BundleFile[]): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date();
  const seen = new Set<string>();
  for (const { name, content } of files) {
    // jszip would silently overwrite a repeated name, losing a file and the order.
    if (seen.has(name)) throw new Error(`The bundle already has a file named ${name}.`);
    seen.add(name);
    zip.file(name, content, { date });
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
