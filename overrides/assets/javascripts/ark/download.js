/* Saving a file the browser made (export, PDF, Word) to the visitor's computer. */

export const MIME = {
  json: "application/json",
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/**
 * Offer bytes or a Blob as a download (a blob: URL; nothing is uploaded).
 * @param {Uint8Array|ArrayBuffer|Blob} bytesOrBlob
 * @param {string} fileName the name shown in the save dialog
 * @param {string} [mime] the type when bytes are given (default: PDF)
 */
export function download(bytesOrBlob, fileName, mime) {
  const blob = bytesOrBlob instanceof Blob ? bytesOrBlob : new Blob([bytesOrBlob], { type: mime || MIME.pdf });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}
