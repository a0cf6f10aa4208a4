"""The one error the PDF step reports as a message rather than a traceback."""


class PdfBuildError(Exception):
    """The PDFs could not be made; the message says why in English (file and line where known).

    Nothing of the last good build has been touched when it is raised (pdfbuild.build).
    """
