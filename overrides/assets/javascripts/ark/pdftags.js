/**
 * Keeping a tagged PDF tagged while pdf-lib draws on it (exports.js: the filled worksheet PDF).
 *
 * The worksheet PDFs are tagged PDF/UA-1 (pdfbuild): a structure tree under the catalog's
 * /StructTreeRoot, every painted thing either marked content whose MCID the /ParentTree maps to
 * a structure element, or an /Artifact. pdf-lib keeps the catalog (tree, /Lang, /MarkInfo,
 * /ViewerPreferences) when it loads and saves a document, but what it draws is untagged. This
 * module wraps what exports.js draws: `content` adds it to the tree as an element of its own
 * (a heading or paragraph after the sheet's content), `artifact` marks page furniture (the
 * rewritten page numbers). A document without a structure tree gets no tags (`tagged` false)
 * and is drawn exactly as before.
 *
 * pdf-lib has no structure tree API (nor has its fork @cantoo/pdf-lib); this uses only its
 * low-level objects (PDFDict, PDFName, PDFNumber, PDFOperator), which both have.
 */

/**
 * @param {object} L the pdf-lib module
 * @param {object} doc a loaded PDFDocument
 * @returns {{tagged: boolean, element: (role: string) => object|null,
 *   content: (element: object|null, page: object, draw: () => void) => void,
 *   artifact: (page: object, draw: () => void) => void}}
 */
export function structure(L, doc) {
  const N = (name) => L.PDFName.of(name);
  const root = doc.catalog.lookupMaybe(N("StructTreeRoot"), L.PDFDict);
  const top = root && root.lookupMaybe(N("K"), L.PDFArray);
  const documentRef = top && top.size() ? top.get(0) : null; // WeasyPrint's one /Document element
  const documentElement = documentRef && doc.context.lookup(documentRef, L.PDFDict);
  const parentTree = root && root.lookupMaybe(N("ParentTree"), L.PDFDict);
  const nums = parentTree && parentTree.lookupMaybe(N("Nums"), L.PDFArray); // flat: [key, value, key, value …]
  const tagged = Boolean(documentElement && nums);

  const ops = (name, ...args) => L.PDFOperator.of(name, args);
  const begin = (tag, props) =>
    props ? ops(L.PDFOperatorNames.BeginMarkedContentSequence, N(tag), props) : ops(L.PDFOperatorNames.BeginMarkedContent, N(tag));
  const end = () => ops(L.PDFOperatorNames.EndMarkedContent);

  let nextKey = 0; // the next free /ParentTree key (pages' /StructParents, annotations' /StructParent)
  if (tagged) {
    for (let i = 0; i < nums.size(); i += 2) nextKey = Math.max(nextKey, nums.lookup(i, L.PDFNumber).asNumber() + 1);
  }
  const pages = new Map(); // page ref → its /ParentTree array (MCID n → structure element)

  /** The page's MCID → element array in the /ParentTree, made (and the page keyed) if missing. */
  function marks(page) {
    if (!pages.has(page.ref)) {
      const key = page.node.lookupMaybe(N("StructParents"), L.PDFNumber);
      let array = null;
      if (key) {
        for (let i = 0; i < nums.size(); i += 2) {
          if (nums.lookup(i, L.PDFNumber).asNumber() === key.asNumber()) array = nums.lookup(i + 1, L.PDFArray);
        }
      }
      if (!array) {
        array = doc.context.obj([]);
        const n = key ? key.asNumber() : nextKey++;
        nums.push(L.PDFNumber.of(n));
        nums.push(doc.context.register(array));
        page.node.set(N("StructParents"), L.PDFNumber.of(n));
      }
      page.node.set(N("Tabs"), N("S")); // tab order follows the structure (PDF/UA-1 7.18.3)
      pages.set(page.ref, array);
    }
    return pages.get(page.ref);
  }

  return {
    tagged,
    /** A new structure element (role "H2", "P" …) at the end of the document's; null if untagged. */
    element(role) {
      if (!tagged) return null;
      const element = doc.context.obj({ Type: "StructElem", S: role, P: documentRef, K: [] });
      const ref = doc.context.register(element);
      documentElement.lookup(N("K"), L.PDFArray).push(ref);
      return { element, ref, role };
    },
    /** Draw on `page` as content of `element` (one marked-content sequence, its next MCID). */
    content(element, page, draw) {
      if (!element) { draw(); return; }
      const array = marks(page);
      const mcid = array.size();
      array.push(element.ref);
      const kids = element.element.lookup(N("K"), L.PDFArray);
      if (!element.element.has(N("Pg"))) element.element.set(N("Pg"), page.ref);
      // An MCID on the element's own page (/Pg) stands alone; on a later page it names its page.
      const onItsPage = element.element.get(N("Pg")) === page.ref;
      kids.push(onItsPage ? L.PDFNumber.of(mcid) : doc.context.obj({ Type: "MCR", Pg: page.ref, MCID: mcid }));
      page.pushOperators(begin(element.role, doc.context.obj({ MCID: mcid })));
      draw();
      page.pushOperators(end());
    },
    /** Draw on `page` as an artifact (page furniture a screen reader skips). */
    artifact(page, draw) {
      if (!tagged) { draw(); return; }
      page.pushOperators(begin("Artifact"));
      draw();
      page.pushOperators(end());
    },
  };
}
