import { request } from './client.ts';

/**
 * Exports in one request. Reads may need the token (viewer token configured), which a
 * plain link cannot send, so fetch with it and hand the browser a blob to save.
 */
export async function downloadFile(path: string, filename: string): Promise<void> {
  const res = await request(path, { timeoutMs: 120_000 });
  const url = URL.createObjectURL(await res.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser a moment to start the download before the blob goes.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
