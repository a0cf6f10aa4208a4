"""The content model: every YAML file under data/ is validated against these models.

Unknown keys are errors (`extra="forbid"`), ids are lower-case ASCII slugs, and the
cross-file rules (unique ids, references that resolve) live in `content.py`.
The JSON Schema published in schema/ is generated from these models
(`python -m macros.schema`), so editors get autocompletion in VS Code.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic.json_schema import SkipJsonSchema

# Ids are storage keys, anchors and PDF field names at once: keep them boring.
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
STEP_PATTERN = r"^trin-[1-7]$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=60)]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
StepId = Annotated[str, StringConstraints(pattern=STEP_PATTERN)]

# The patterns in words, for the editor's error message.
PATTERN_IN_WORDS = {
    ID_PATTERN: "an id may contain only lower-case a-z, 0-9 and single hyphens between them "
    "(æ→ae, ø→oe, å→aa; no spaces, no '--', no hyphen first or last)",
    STEP_PATTERN: "a step id is trin-1 … trin-7",
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- Partnerskabsruten (data/ruten.yml) --------------------------------------------------


class Step(Strict):
    id: StepId
    number: int = Field(ge=1, le=7)
    title: Text
    summary: Text = Field(description="One or two sentences from the book's own text about the step.")


class Route(Strict):
    steps: list[Step] = Field(min_length=7, max_length=7)

    @model_validator(mode="after")
    def _numbered_in_order(self) -> "Route":
        for index, step in enumerate(self.steps, start=1):
            if step.number != index or step.id != f"trin-{index}":
                raise ValueError(
                    f"steps[{index - 1}]: steps must be trin-1 … trin-7 in order; position {index} is {step.id}"
                )
        return self


# --- Værdiperspektiver (data/vaerdiperspektiver.yml) -----------------------------------


class CompanyView(Strict):
    label: Text = Field(description="The label as printed in step 2, e.g. 'Imageværdi (eksternt)'.")
    text: Text


class Perspective(Strict):
    id: Id
    name: Text
    introduction: Text = Field(description="The definition in 'Partnerskabets potentialer'.")
    company_view: list[CompanyView] = Field(
        default_factory=list, description="'Tag virksomhedens briller på' in step 2 (image has two)."
    )
    question: Optional[Text] = Field(None, description="The question form in step 4, where the book has one.")


class Perspectives(Strict):
    perspectives: list[Perspective] = Field(min_length=1)


# --- Eksempler (data/eksempler/<id>.yml) ------------------------------------------------


class ExamplePerspective(Strict):
    perspective: Id
    label: Optional[Text] = Field(
        None, description="The example's own label for the value, where it differs from the name."
    )
    text: Optional[Text] = Field(None, description="The example's own words about this value, if it has them.")


class ExampleOrder(Strict):
    order: list[Id] = Field(min_length=1, description="Example ids in the order the book prints the examples.")


class Example(Strict):
    id: Id
    title: Text = Field(description="Short name, e.g. 'OMBOLD og STARK'.")
    headline: Optional[Text] = Field(None, description="The printed headline; absent where the book has none.")
    headline_logo: Optional[Text] = Field(
        None,
        description="The headline's first word where the book prints it as a logo and the manuscript lacks it"
        " ('Kickstart'); the page says the word is the site's rendering.",
    )
    partners: list[Text] = Field(min_length=2)
    partners_more: bool = Field(
        False,
        description="The book's kicker lists these partners and ends with 'm.fl.' (MurMal): the kicker is then the"
        " partners, not the title, and both end with 'm.fl.'.",
    )
    sector: Text = Field(description="What kind of partners meet, in a few words.")
    year: Optional[int] = Field(None, ge=1900, le=2100, description="Year the partnership began, if the book says.")
    steps: list[StepId] = Field(min_length=1, description="Steps the example illustrates or that refer to it.")
    book_after: Optional[StepId] = Field(
        None, description="The step the printed book places the example after (the guide PDF follows it)."
    )
    perspectives: list[ExamplePerspective] = Field(default_factory=list)
    advice: list[Text] = Field(default_factory=list, description="'Gode råd fra partnerskabet'.")
    values_title: Optional[Text] = Field(
        None, description="The title of the example's own list of values, as printed ('MurMal: Værdi på mange planer')."
    )
    overall_value: Optional[Text] = Field(
        None, description="Point 1 of that list, 'Overordnet værdi', where the book prints one."
    )

    @model_validator(mode="after")
    def _logo_begins_the_headline(self) -> "Example":
        if self.headline_logo and not (self.headline or "").startswith(self.headline_logo + " "):
            raise ValueError(f"headline_logo {self.headline_logo!r} must be the first word of headline")
        return self


# --- Arbejdsark (data/arbejdsark/<id>.yml) ----------------------------------------------


class Link(Strict):
    text: Text = Field(description="Words of the item's text that become a link, exactly as printed.")
    to: Text = Field(
        description="Target relative to the site root, e.g. 'partnerskabets-potentialer/#vaerdiperspektiver'."
    )


class Item(Strict):
    id: Id
    lead: Optional[Text] = Field(None, description="A bold lead-in, e.g. 'Mistillid.' or the agreement point's title.")
    text: Optional[Text] = None
    lines: int = Field(3, ge=1, le=30, description="Writing lines on a blank printout.")
    example: Optional[Text] = Field(None, description="The book's own worked example for this item.")
    links: list[Link] = Field(default_factory=list, description="Page references in the text shown as links.")

    @model_validator(mode="after")
    def _has_words(self) -> "Item":
        if not (self.lead or self.text):
            raise ValueError("an item needs a 'lead' or a 'text'")
        for link in self.links:
            if link.text not in (self.text or ""):
                raise ValueError(f"links: '{link.text}' does not occur in the item's text")
        return self


class Section(Strict):
    id: Id
    title: Optional[Text] = None
    intro: Optional[Text] = None
    items: list[Item] = Field(min_length=1)


class WorksheetBase(Strict):
    id: Id
    title: Text
    # Its place is where a docs page embeds it ({{ arbejdsark("<id>") }}): content.load_content sets
    # both from that call; they are not written in the YAML (nor offered in its JSON Schema).
    step: SkipJsonSchema[Optional[StepId]] = Field(None, description="The step of the page; none for 'Bevar gejsten'.")
    page: SkipJsonSchema[Optional[str]] = Field(None, description="The docs page that embeds it, e.g. 'trin-3.md'.")
    intro: Optional[Text] = Field(None, description="The book's lead-in sentence above the list, if any.")
    title_source: Literal["book", "site"] = Field(
        "site",
        description="'book': the title is the book's own heading or box label; 'site': a label the site made (shown as such).",
    )
    box: Optional[Text] = Field(
        None,
        description="The label of the box the book prints the list in ('Gode råd', 'Refleksionsspørgsmål'); shown as a box with it.",
    )
    anchor: Optional[Id] = Field(
        None, description="The heading's published anchor, kept when the title changes (anchors never change)."
    )
    caption: Optional[Text] = Field(
        None,
        description="The book's caption over the sheet ('Eksempel på risikoanalyse'), shown where the page embeds it"
        " (a caption line, not a heading); the title names the sheet everywhere else.",
    )
    built_on: Optional[Text] = Field(
        None,
        description="For a tool the site built (the book has a list or prose, not a form): what of the book it is built on.",
    )


class QuestionSheet(WorksheetBase):
    """Questions answered in free text."""

    kind: Literal["questions"]
    sections: list[Section] = Field(min_length=1)


class Checklist(WorksheetBase):
    """Advice a group ticks off, each with an optional note."""

    kind: Literal["checklist"]
    sections: list[Section] = Field(min_length=1)


class BookList(WorksheetBase):
    """A list the book prints as a list (the five pitfalls): linkable and printable, nothing to fill in.

    Answers stored while it was a checklist stay readable: the contract keeps its old keys (retired).
    """

    kind: Literal["list"]
    sections: list[Section] = Field(min_length=1)


class DialogueRow(Strict):
    id: Id
    title: Optional[Text] = Field(
        None, description="The row's heading as printed; a split row with `titles` may have none."
    )
    split: bool = Field(description="True: one field per party side by side; false: one shared field.")
    titles: Optional[tuple[Text, Text]] = Field(None, description="Per-party headings on split rows.")
    example: Union[Text, tuple[Text, Text], None] = None
    lines: int = Field(4, ge=1, le=30)

    @model_validator(mode="after")
    def _example_matches_layout(self) -> "DialogueRow":
        if self.example is not None and self.split != isinstance(self.example, tuple):
            raise ValueError("a split row's example is a pair [party A, party B]; a shared row's is one text")
        if self.titles is not None and not self.split:
            raise ValueError("'titles' only goes with split: true")
        if self.title is None and self.titles is None:
            raise ValueError("a row needs a 'title' (or, when split, its two 'titles')")
        return self

    @property
    def heading(self) -> str:
        """What the row is called: its title, or its two column heads where the book prints only those."""
        return self.title or " / ".join(self.titles or ())


class DialogueSheet(WorksheetBase):
    """The two-party dialogue paper (Foreningen | Virksomheden)."""

    kind: Literal["dialogue"]
    parties: tuple[Text, Text]
    example_parties: Optional[tuple[Text, Text]] = Field(None, description="Names in the book's example.")
    rows: list[DialogueRow] = Field(min_length=1)


class RiskRow(Strict):
    id: Id
    text: Text


class RiskSheet(WorksheetBase):
    """Statements rated on a likelihood scale; users may add their own statements."""

    kind: Literal["risk"]
    scale: list[Text] = Field(min_length=2)
    rows: list[RiskRow] = Field(min_length=1)
    extra_rows: int = Field(2, ge=0, le=20, description="Empty rows on a blank printout.")


class Column(Strict):
    id: Id
    label: Text
    input: bool = Field(False, description="True: a field to fill in; false: the book's fixed text.")


class TableRow(Strict):
    id: Id
    cells: dict[Id, Text]


class TableSheet(WorksheetBase):
    """A table with fixed columns (the book's text) and input columns; rows may be addable."""

    kind: Literal["table"]
    columns: list[Column] = Field(min_length=1)
    rows: list[TableRow] = Field(default_factory=list)
    addable: bool = False
    extra_rows: int = Field(0, ge=0, le=20, description="Empty rows shown to start with / on a blank printout.")
    examples: list[Text] = Field(default_factory=list, description="The book's examples, shown above the table.")

    @model_validator(mode="after")
    def _cells_match_columns(self) -> "TableSheet":
        fixed = {c.id for c in self.columns if not c.input}
        for index, row in enumerate(self.rows):
            unknown = set(row.cells) - fixed
            if unknown:
                raise ValueError(
                    f"rows[{index}]: row '{row.id}' has cells for unknown or input columns: {sorted(unknown)}"
                )
        if not self.rows and not (self.addable and self.extra_rows):
            raise ValueError("a table without rows must be addable with extra_rows > 0")
        return self


class PerspectiveSheet(WorksheetBase):
    """One free-text field per value perspective, worded as the book words them in one context.

    The texts live once, in data/vaerdiperspektiver.yml; this sheet only picks the context and order.
    """

    kind: Literal["perspectives"]
    context: Literal["company_view", "question"]
    order: list[Id] = Field(min_length=1, description="Perspective ids in the order the book lists them.")


class CalendarSheet(WorksheetBase):
    """The årshjul: one field per month."""

    kind: Literal["calendar"]
    hint: Optional[Text] = None


Worksheet = Annotated[
    Union[QuestionSheet, Checklist, BookList, DialogueSheet, RiskSheet, TableSheet, PerspectiveSheet, CalendarSheet],
    Field(discriminator="kind"),
]


# --- Tilgængelighedserklæring (data/tilgaengelighed.yml) ---------------------------------
# The EU model statement (Commission Implementing Decision (EU) 2018/1523), as Digitaliseringsstyrelsen's
# template follows it: the form's fixed sentences are interface strings (statement.* in da.json);
# what an audit finds is here, so the next audit only edits this file.


class Gap(Strict):
    content: Text = Field(description="What is not accessible, as a visitor would recognise it.")
    reason: Text = Field(description="Why it is not accessible (what fails, for whom).")
    criteria: list[Text] = Field(
        default_factory=list, description="WCAG 2.1 success criteria it fails, e.g. '1.3.1 Information og relationer'."
    )
    plan: Optional[Text] = Field(None, description="What will be done about it, and when, if decided.")


class Statement(Strict):
    organisation: Text = Field(description="The public body that publishes the site and makes the statement.")
    status: Literal["fuldt", "delvist", "ikke"] = Field(
        description="Compliance with WCAG 2.1 AA (EN 301 549): fuldt, delvist or ikke i overensstemmelse."
    )
    non_compliant: list[Gap] = Field(default_factory=list, description="Content that does not comply (the law's (a)).")
    disproportionate_burden: list[Gap] = Field(
        default_factory=list, description="Content exempted as a disproportionate burden (the law's (b))."
    )
    out_of_scope: list[Gap] = Field(
        default_factory=list, description="Content outside the law's scope (the law's (c))."
    )
    alternatives: Optional[Text] = Field(None, description="Accessible alternatives to the content above, if any.")
    prepared: date = Field(description="The date the statement was first prepared (YYYY-MM-DD).")
    reviewed: date = Field(description="The date it was last reviewed against the site (YYYY-MM-DD).")
    method: Literal["selvevaluering", "tredjepart"] = Field(
        description="Who evaluated: self-assessment or a third party."
    )
    evaluator: Optional[Text] = Field(None, description="The third party's name (method: tredjepart).")
    checks: list[Text] = Field(min_length=1, description="How the site was evaluated, one check per line.")
    response_time: Optional[Text] = Field(None, description="How soon a report is answered, as the body promises it.")
    enforcement: list[Text] = Field(
        min_length=1,
        description="The enforcement procedure in paragraphs: the supervising authority (Digitaliseringsstyrelsen) and how to complain.",
    )

    @model_validator(mode="after")
    def _consistent(self) -> "Statement":
        if self.reviewed < self.prepared:
            raise ValueError("reviewed: the review cannot be before the statement was prepared")
        if (self.method == "tredjepart") != (self.evaluator is not None):
            raise ValueError("evaluator: name the third party exactly when method is tredjepart")
        gaps = self.non_compliant or self.disproportionate_burden or self.out_of_scope
        if self.status == "fuldt" and self.non_compliant:
            raise ValueError("status: a site with non_compliant content is not fuldt i overensstemmelse")
        if self.status != "fuldt" and not gaps:
            raise ValueError(f"status: '{self.status}' needs the content that is not accessible listed")
        return self


# --- Ændringer (data/aendringer.yml) ------------------------------------------------------


class Change(Strict):
    date: date
    content: list[Text] = Field(default_factory=list, description="What changed in the guide's text and worksheets.")
    tools: list[Text] = Field(default_factory=list, description="What changed in the site's tools.")

    @model_validator(mode="after")
    def _says_something(self) -> "Change":
        if not (self.content or self.tools):
            raise ValueError("a change needs 'content' or 'tools' (or both)")
        return self


class Changelog(Strict):
    changes: list[Change] = Field(
        min_length=1, description="What changed, one entry per date; the page shows the newest first."
    )

    @model_validator(mode="after")
    def _one_entry_per_date(self) -> "Changelog":
        seen = set()
        for index, change in enumerate(self.changes):
            if change.date in seen:
                raise ValueError(f"changes[{index}]: {change.date} has an entry already: add to that one")
            seen.add(change.date)
        return self


def write_json_schemas(folder: Path) -> list[Path]:
    """Publish one JSON Schema per kind of data file (for editor autocompletion)."""
    from pydantic import TypeAdapter

    folder.mkdir(parents=True, exist_ok=True)
    schemas = {
        "ruten.schema.json": Route.model_json_schema(),
        "vaerdiperspektiver.schema.json": Perspectives.model_json_schema(),
        "eksempel.schema.json": Example.model_json_schema(),
        "arbejdsark.schema.json": TypeAdapter(Worksheet).json_schema(),
        "tilgaengelighed.schema.json": Statement.model_json_schema(),
        "aendringer.schema.json": Changelog.model_json_schema(),
    }
    written = []
    for name, schema in schemas.items():
        path = folder / name
        path.write_text(json.dumps(schema, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write_json_schemas(Path(__file__).resolve().parent.parent / "schema"):
        print(p)
