import { ApiError } from '../../api/client.ts';
import { currentLanguage } from '../../i18n/index.ts';

/** The file name of a `Content-Disposition` (RFC 5987 `filename*` first). */
function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain ? plain[1] : null;
}

/** Downloads a file of the API with the session cookie and hands it to the browser under the server's name. */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const res = await fetch(path, {
    credentials: 'same-origin',
    headers: { 'Accept-Language': currentLanguage() === 'en' ? 'en' : 'zh-CN' },
  });
  if (!res.ok) {
    let message = res.statusText;
    try {
      const body = (await res.json()) as { error?: { message?: string } };
      message = body.error?.message ?? message;
    } catch {
      // not JSON
    }
    throw new ApiError(res.status, 'UNKNOWN', message);
  }
  const blob = await res.blob();
  const name = fileNameOf(res.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return name;
}
