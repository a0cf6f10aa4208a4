"""Printed versions of the guide, made with WeasyPrint from the same content as the site.

- every worksheet as a fillable A4 PDF (`<worksheet id>.pdf`),
- a print pack per step (`printpakke-trin-N.pdf`, and `printpakke-bevar-gejsten.pdf`),
- the whole guide (`parat-til-private-partnerskaber.pdf`),
plus `manifest.json` listing them. A build step of its own (`scripts/build_pdfs`, or
`python -m pdfbuild --out DIR`), not a MkDocs plugin: the site builds without it.
"""
