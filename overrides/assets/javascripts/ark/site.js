/* Site-wide services of the worksheet code: the answer store of this deployment and the
 * published key contract. Shared by main.js, sheet.js and overview.js.
 */
import { createStore } from "./core/store.js";

let store = null;
let contractUrl = null;
let contractPromise = null;
/** The answer store for this deployment: keys are namespaced by the site's root path. */
export function getStore() {
  if (store) return store;
  const root = siteRoot();
  // Reading decides: a full storage still holds the answers saved so far (writes it refuses
  // are kept in memory and counted as unsaved); only a blocked one is replaced by memory.
  let storage;
  try {
    window.localStorage.getItem("__ppp_test__");
    storage = window.localStorage;
  } catch {
    storage = null; // blocked (a browser setting, some private modes): answers live in memory
  }
  store = createStore(storage, { root: root.pathname });
  // Answers the browser refused to store (quota), or every answer when it blocks storage, live
  // only in this page: ask before it goes.
  const atRisk = () => store.unsaved() || (!store.persistent && store.sets().some((s) => Object.keys(store.allEntries(s.id)).length));
  window.addEventListener("beforeunload", (e) => {
    if (atRisk()) {
      e.preventDefault();
      e.returnValue = "";
    }
  });
  return store;
}

/** The site root as a URL, from the contract address the build writes next to every worksheet. */
export function siteRoot() {
  const el = document.querySelector("[data-ark-contract]");
  const url = new URL(el ? el.getAttribute("data-ark-contract") : "assets/arbejdsark/kontrakt.json", location.href);
  if (!contractUrl) contractUrl = url.href;
  return new URL("../../", url); // the contract lives at <root>assets/arbejdsark/
}

/** The published key contract (assets/arbejdsark/kontrakt.json), fetched once when first needed. */
export function loadContract() {
  if (!contractPromise) {
    siteRoot();
    contractPromise = fetch(contractUrl).then((r) => {
      if (!r.ok) throw new Error("contract " + r.status);
      return r.json();
    });
    contractPromise.catch(() => { contractPromise = null; });
  }
  return contractPromise;
}

