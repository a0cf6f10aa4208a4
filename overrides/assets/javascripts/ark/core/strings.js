/**
 * Every Danish sentence the worksheets show a person, in one place.
 *
 * Messages name things by what a person sees (sheet titles, field labels from the contract),
 * never by internal keys such as "_rows" or "raekke-1--maal". The one exception is a key the
 * person's own file contains and the contract does not know: it is shown quoted, as the file's text.
 * Values are strings or functions returning strings.
 */

/** Danish quotation marks around a name: „…“. */
const q = (s) => "\u201e" + s + "\u201c";

const NOTHING_CHANGED = " Intet er ændret.";

/** @type {Record<string, string | ((...args: any[]) => string)>} */
export const T = {
  // --- Saving in this browser (ported from arbejdsark.js)
  noStorage: "Browseren tillader ikke, at svarene gemmes (fx i et privat vindue). Du kan stadig udfylde og udskrive arket, men svarene forsvinder, når siden lukkes. Brug " + q("Eksportér svar") + " for at gemme dem i en fil.",
  quota: "Svaret kunne ikke gemmes, fordi browserens lager er fuldt. Det står stadig på siden – eksportér svarene til en fil, så intet går tabt.",
  unsaved: (n) => (n === 1 ? "1 svar er" : n + " svar er") + " ikke gemt i browseren, fordi lageret er fuldt. Eksportér svarene til en fil, så intet går tabt.",
  confirmClear: (title) => "Vil du slette alle svar i " + q(title) + "?",
  cleared: "Alle svar i arket er slettet.",
  undo: "Fortryd",
  undone: "Svarene er sat ind igen.",
  copied: "Arket er kopieret – sæt det ind i Word eller en e-mail.",
  copyFailed: "Kopieringen lykkedes ikke. Markér teksten og kopiér den selv.",
  exported: (name) => "Svarene er gemt i filen " + name + ".",
  importedNone: "Filen indeholder ingen svar. Intet er ændret.",
  confirmExample: "Eksemplet skriver over de felter, der allerede er udfyldt. Fortsæt?",
  exampleLoaded: "Bogens eksempel er sat ind – ret det til, så det passer til jer.",
  rowAdded: "En ny række er tilføjet.",
  rowDeleted: "Rækken er slettet.",
  progressNone: "ikke påbegyndt",
  progressStarted: "påbegyndt",
  progress: (n, total) => n + " af " + total + " udfyldt",
  progressDone: "udfyldt",

  // --- Answer sets ("svarsæt")
  defaultSetName: "Mine svar",
  newSetName: "Nyt partnerskab",
  confirmDeleteSet: (name) => "Vil du slette svarsættet " + q(name) + " med alle dets svar?",
  setDeleted: (name) => "Svarsættet " + q(name) + " er slettet.",
  setSwitched: (name) => "Du arbejder nu i svarsættet " + q(name) + ".",

  // --- Reading an export file: every message ends with "Intet er ændret."
  tooBig: "Filen er for stor til at være en eksport fra arbejdsarkene. Vælg den .json-fil, du fik med " + q("Eksportér svar") + "." + NOTHING_CHANGED,
  badEncoding: "Filen kunne ikke læses – den er ikke gemt som UTF-8-tekst eller indeholder ødelagte tegn, måske fordi den er blevet ændret. Bed afsenderen om at eksportere den igen." + NOTHING_CHANGED,
  badJson: "Filen kunne ikke læses – den er ikke en gyldig JSON-fil fra arbejdsarkene, eller den er ødelagt." + NOTHING_CHANGED,
  foreign: "Filen er ikke en eksport fra " + q("Parat til private partnerskaber") + ". Vælg den .json-fil, du fik med " + q("Eksportér svar") + "." + NOTHING_CHANGED,
  badVersion: "Filens versionsnummer er ugyldigt, så filen kan ikke læses." + NOTHING_CHANGED,
  newer: (v) => "Filen er lavet med en nyere version af arbejdsarkene (version " + v + "). Genindlæs siden, og prøv igen." + NOTHING_CHANGED,
  badWorksheets: "Filen indeholder ikke arbejdsark i det forventede format." + NOTHING_CHANGED,
  unknownSheet: (id) => "Filen indeholder et ukendt arbejdsark (" + q(id) + ")." + NOTHING_CHANGED,
  badSheet: (title) => "Svarene til " + q(title) + " i filen har et forkert format." + NOTHING_CHANGED,
  unknownField: (key, title) => "Filen indeholder et ukendt felt i " + q(title) + " (" + q(key) + ")." + NOTHING_CHANGED,
  tooManyRows: (title, max) => "Filen har flere end " + max + " tilføjede rækker i " + q(title) + "." + NOTHING_CHANGED,
  invalidValue: (label, title) => q(label) + " i " + q(title) + " har en ugyldig værdi." + NOTHING_CHANGED,
  notString: (label, title) => "Svaret til " + q(label) + " i " + q(title) + " er ikke tekst." + NOTHING_CHANGED,
  tooLong: (label, title) => "Svaret til " + q(label) + " i " + q(title) + " er for langt." + NOTHING_CHANGED,
  wrongSheet: (title, found) => "Filen indeholder ikke svar til " + q(title) + (found && found.length ? " (den indeholder svar til " + found.map(q).join(", ") + ")" : " (den indeholder ingen svar)") + "." + NOTHING_CHANGED,

  // --- Merging two answer sets
  mergeMine: "Behold mit svar",
  mergeTheirs: "Brug svaret fra filen",
  mergeBoth: "Behold begge",
  mergeConflicts: (n) => (n === 1 ? "1 felt" : n + " felter") + " har forskellige svar. Vælg, hvilket svar der skal gælde.",

  // --- Copies of the answers (plain text, Word, PDF cover list)
  yes: "Ja",
  // --- The worksheet page (ark/sheet.js)
  // The line above the status names the set already.
  savedIn: (set, date) => "Gemt kl. " + date.toLocaleTimeString("da-DK", { hour: "2-digit", minute: "2-digit" }) + ".",
  restoredFrom: (n, set) => n + " svar hentet fra svarsættet " + q(set) + " i denne browser.",
  choiceRemoved: "Valget er fjernet.",
  setChangedElsewhere: (set) => "Svarsættet er skiftet til " + q(set) + " i et andet vindue. Arket viser nu svarene derfra.",
  working: "Et øjeblik – filen laves i browseren …",
  downloaded: (name) => "Filen " + name + " er hentet.",
  nothingToCopy: "Der er ingen svar endnu, så der er intet at lave en kopi af.",
  failed: "Det lykkedes ikke. Genindlæs siden, og prøv igen – dine svar er ikke ændret.",

  // --- Importing: new set or merge (ark/importer.js)
  importTitle: (file) => "Importér svar fra " + q(file),
  importSummary: (n, titles, name) => "Filen indeholder " + (n === 1 ? "1 svar" : n + " svar") + " til " + (titles.length === 1 ? q(titles[0]) : titles.length + " arbejdsark") + (name ? " fra svarsættet " + q(name) : "") + ". Hvordan vil du bruge dem?",
  importAsNew: "Åbn som nyt svarsæt",
  importMerge: (set) => "Flet ind i " + q(set),
  cancel: "Annullér",
  importQuota: "Svarene kunne ikke gemmes, fordi browserens lager er fuldt. Intet er ændret. Eksportér og slet et svarsæt, du ikke bruger, og prøv igen.",
  importedSetName: (name) => name + " (importeret)",
  importedSetDated: (date) => "Importeret " + date.toLocaleDateString("da-DK"),
  importedAsNew: (n, set) => (n === 1 ? "1 svar" : n + " svar") + " er åbnet som et nyt svarsæt, " + q(set) + ". Du arbejder nu i det.",
  mergeTitle: (set) => "Flet ind i " + q(set),
  mergeYours: "Dit svar:",
  mergeFiles: "Filens svar:",
  mergeDo: "Flet",
  mergedSilently: (set) => "Svarene er flettet ind i " + q(set) + ".",
  mergedWithChoices: (n, set) => "Svarene er flettet ind i " + q(set) + ". I " + (n === 1 ? "1 felt" : n + " felter") + " er det svar brugt, som du valgte.",

  // --- "Mit partnerskab" (ark/overview.js)
  setInUse: "(i brug)",
  setSheets: (n) => "Vis " + (n === 1 ? "arket" : "de " + n + " ark"),
  setProgress: (started, total) => started + " af " + total + " arbejdsark påbegyndt",
  setUse: "Brug dette svarsæt",
  setRename: "Omdøb",
  setExport: "Eksportér",
  setDelete: "Slet",
  setCreated: (name) => "Svarsættet " + q(name) + " er oprettet. Du arbejder nu i det.",
  setRenamed: (name) => "Svarsættet hedder nu " + q(name) + ".",
  promptNewSet: "Hvad skal det nye svarsæt hedde? (fx partnerskabets eller foreningens navn)",
  promptRename: (name) => "Nyt navn til " + q(name) + ":",
  confirmClearAll: (set) => "Vil du slette alle svar i svarsættet " + q(set) + "? Du kan fortryde, indtil du forlader siden.",
  clearedAll: (set) => "Alle svar i " + q(set) + " er slettet.",
  summaryEmpty: (set) => "Der er ingen svar i " + q(set) + " endnu.",
  persistGranted: "Browseren gemmer svarene varigt – de bliver ikke slettet for at skaffe plads.",
  persistDenied: "Browseren har ikke lovet at gemme svarene varigt. Den kan slette dem, hvis den mangler plads, eller hvis du ikke har besøgt siden længe – eksportér svarene til en fil en gang imellem.",
  persistUnknown: "Browseren oplyser ikke, om svarene gemmes varigt. Eksportér svarene til en fil en gang imellem.",

  // --- Copies with answers (ark/exports.js)
  moreRows: "Flere rækker",
  moreRowsIntro: "Rækker, som er tilføjet ud over arkets tomme rækker:",
  answeredSheets: "Besvarede arbejdsark",
  noAnswersInSet: "Der er ingen svar i dette svarsæt.",
  siteName: "Parat til private partnerskaber",
  docxDescription: "Svar fra arbejdsarkene i Parat til private partnerskaber",
  pageOf: (n, total) => "Side " + n + " af " + total, // as the PDFs print it (pdfbuild/css/base.css)

  // --- "Vis på skærm" (ark/present.js)
  presentTitle: (what) => "Vis på skærm: " + what,
  presentClose: "Luk",
  presentPrev: "Forrige",
  presentNext: "Næste",
  presentCounter: (n, total) => n + " af " + total,
  presentQr: (nr) => "QR-kode, der åbner punkt " + nr + " på en telefon",
  presentQrCaption: "Scan koden for at åbne punktet på din telefon",
  presentKeys: "Piletasterne skifter punkt. Esc lukker.",
};

/** "2026-11-29" (or a Date) → "29. november 2026" (printed sheets, copies); anything else as given. */
export function danishDate(date) {
  if (!date) return "";
  const d = date instanceof Date ? date : /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(date + "T12:00:00") : null;
  return d && !isNaN(d) ? d.toLocaleDateString("da-DK", { day: "numeric", month: "long", year: "numeric" }) : String(date);
}
