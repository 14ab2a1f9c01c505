import { useCallback, useState } from 'react';
import { requestBlob, type QueryValue } from '../api/client.ts';
import { useApiError } from './apiErrors.ts';

/** Hands a blob to the browser as a download. */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * Downloads a file from the API through the api client (session, errors, 401 handling) and saves it under
 * the server's file name (Content-Disposition) or `fallbackName`. Errors become a toast.
 */
export function useDownload() {
  const { showError } = useApiError();
  const [busy, setBusy] = useState<string | null>(null);

  const download = useCallback(
    async (path: string, fallbackName: string, query?: Record<string, QueryValue>) => {
      setBusy(path);
      try {
        const { blob, filename } = await requestBlob(path, query);
        saveBlob(blob, filename ?? fallbackName);
        return true;
      } catch (e) {
        showError(e);
        return false;
      } finally {
        setBusy(null);
      }
    },
    [showError],
  );

  return { download, busy, downloading: busy !== null };
}
