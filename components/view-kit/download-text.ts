/** Saves text as a file in the browser (a Blob URL and a temporary link), for single-event JSON. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Chrome reads the Blob asynchronously after click(); revoke once it has.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
