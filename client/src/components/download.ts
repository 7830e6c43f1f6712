import { useCallback, useEffect, useRef } from 'react';

/** A file the API returned inline, e.g. a certificate bundle. */
export interface DownloadableFile {
  filename: string;
  mediaType: string;
  contentBase64: string;
}

/** Long enough for any browser to have read the file, short enough not to keep it around. */
const REVOKE_AFTER_MS = 10_000;

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Saves `file` through the browser's download (a Blob URL and an `<a download>` click; nothing inline,
 * so the content security policy is unaffected). The URL is revoked shortly after; the returned
 * function revokes it at once, e.g. when the page that offered the file is closed.
 */
export function downloadFile(file: DownloadableFile): () => void {
  const url = URL.createObjectURL(new Blob([bytesOf(file.contentBase64)], { type: file.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  let revoked = false;
  const revoke = () => {
    if (revoked) return;
    revoked = true;
    window.clearTimeout(timer);
    URL.revokeObjectURL(url);
  };
  const timer = window.setTimeout(revoke, REVOKE_AFTER_MS);
  return revoke;
}

/**
 * `download(file)` for a dialog that offers files (again): every Blob URL it made is revoked when the dialog unmounts,
 * at the latest.
 */
export function useDownloads(): (file: DownloadableFile) => void {
  const revokers = useRef(new Set<() => void>());
  useEffect(() => {
    const pending = revokers.current;
    return () => {
      for (const revoke of pending) revoke();
      pending.clear();
    };
  }, []);
  return useCallback((file: DownloadableFile) => {
    revokers.current.add(downloadFile(file));
  }, []);
}
