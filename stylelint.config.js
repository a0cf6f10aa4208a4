// Stylesheet lint (scripts/lint): stylelint-config-standard, where the house style differs said here.
// Checks overrides/assets/stylesheets/*.css (the site) and pdfbuild/css/*.css (the PDFs, WeasyPrint).
export default {
  extends: ["stylelint-config-standard"],
  rules: {
    // Layout: short rules on one line, grouped under a comment, no blank line between them.
    "declaration-block-single-line-max-declarations": null,
    "comment-empty-line-before": null,
    "rule-empty-line-before": null,
    "at-rule-empty-line-before": null,
    "custom-property-empty-line-before": null,
    // Names are Material's (.md-nav__link, --md-default-fg-color--light) and the site's BEM-like ones.
    "selector-class-pattern": null,
    "custom-property-pattern": null,
    // The site's rules follow Material's components, not specificity order; each overrides one
    // thing of Material's or of an earlier rule on purpose.
    "no-descending-specificity": null,
    // One notation throughout, the one every engine here reads (WeasyPrint 70 included):
    // rgba(0, 0, 0, .5) and (max-width: …) media queries. Hex colours are written either way.
    "color-function-notation": "legacy",
    "color-function-alias-notation": null,
    "alpha-value-notation": "number",
    "hue-degree-notation": "number",
    "color-hex-length": null,
    "media-feature-range-notation": "prefix",
    // Material's breakpoints are exact em values (76.234375em = 1219.75px).
    "number-max-precision": 6,
    // SVG keywords (currentColor, crispEdges), the page size A4 and font names keep their case.
    "value-keyword-case": ["lower", { camelCaseSvgKeywords: true, ignoreKeywords: ["A4", "Roboto", "Arial", "Menlo", "Consolas"] }],
    // WeasyPrint's paged-media functions (CSS GCPM), unknown to the browsers' property data.
    "declaration-property-value-no-unknown": [true, { ignoreProperties: { position: ["/^running\\(/"], content: ["/target-counter\\(/"] } }],
    // @import "x.css": the plain string form (esbuild bundles either).
    "import-notation": "string",
    // clip: the visually-hidden pattern's fallback; page-break-*: read by WeasyPrint and Chromium
    // alike (renaming them to break-* is left for a PDF rebuild).
    "property-no-deprecated": [true, { ignoreProperties: ["clip", "page-break-after", "page-break-before", "page-break-inside"] }],
  },
};
