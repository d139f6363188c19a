//! Finding the header row and the column of each field.

use crate::error::{ImportError, Problem};
use crate::fields::{normalize_header, FieldSpec, FileKind};
use crate::mapping::{column_letter, ColumnMapping, ColumnRef, HeaderRow};
use crate::table::{Cells, Source};

/// How many non-blank rows from the top may be titles above the header.
pub const HEADER_SCAN_ROWS: usize = 20;

/// Where the header is and which column holds each field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// 1-based row of the header; `None` for a file without one.
    pub header_row: Option<usize>,
    /// The header texts by column, trimmed.
    pub headers: Vec<String>,
    /// Per field of the kind (in [`FileKind::fields`] order), its 0-based column.
    pub columns: Vec<Option<usize>>,
    /// The fewest cells a CSV data row may have: up to the last named header or the last
    /// used column, whichever is further.
    pub width: usize,
    /// Cells past this many must be empty in a CSV data row (`None`: no check).
    pub raw_width: Option<usize>,
}

impl Layout {
    /// The column's header text, or its letter when it has none.
    pub fn column_name(&self, column: usize) -> String {
        match self.headers.get(column) {
            Some(header) if !header.is_empty() => header.clone(),
            _ => column_letter(column),
        }
    }

    /// Named headers that no field uses.
    pub fn ignored_columns(&self) -> Vec<String> {
        self.headers
            .iter()
            .enumerate()
            .filter(|(column, header)| !header.is_empty() && !self.columns.contains(&Some(*column)))
            .map(|(_, header)| header.clone())
            .collect()
    }

    /// `base` with the columns as resolved, for saving as a profile. Everything `base` left
    /// to detection (header row, delimiter, encoding, sheet) stays detected: next month's
    /// export may have one more title line or come in another encoding.
    pub fn as_mapping(&self, kind: FileKind, base: &ColumnMapping) -> ColumnMapping {
        let columns = kind
            .fields()
            .iter()
            .zip(&self.columns)
            .filter_map(|(spec, column)| {
                let column = (*column)?;
                let reference = match self.headers.get(column) {
                    Some(header) if !header.is_empty() => ColumnRef::Header(header.clone()),
                    _ => ColumnRef::Index(column),
                };
                Some((spec.name.to_owned(), reference))
            })
            .collect();
        ColumnMapping {
            columns,
            ..base.clone()
        }
    }
}

/// A row near the top, as text.
pub type PrefixRow = (usize, Vec<String>);

/// Reads the non-blank rows the header may be among.
pub fn read_prefix<S: Source>(
    source: &mut S,
    header_row: HeaderRow,
) -> Result<Vec<PrefixRow>, ImportError> {
    let mut rows = Vec::new();
    while let Some((row, cells)) = source.next_row()? {
        if cells.is_blank() {
            continue;
        }
        rows.push((row, cells.display()));
        let enough = match header_row {
            HeaderRow::Auto => rows.len() >= HEADER_SCAN_ROWS,
            HeaderRow::Row(wanted) => row >= wanted,
            HeaderRow::Absent => true,
        };
        if enough {
            break;
        }
    }
    Ok(rows)
}

/// Checks a mapping against the kind before any byte is read.
pub fn check_mapping(
    kind: FileKind,
    file: &str,
    mapping: &ColumnMapping,
) -> Result<(), ImportError> {
    let bad = |reason: String| Err(ImportError::file(file, Problem::Mapping { reason }));
    let fields = kind.fields();
    // A field found by header on request must be one of the kind's optional fields (a
    // required one would quietly become optional).
    if let Some(name) = mapping.also_by_header.iter().find(|name| {
        !fields
            .iter()
            .any(|spec| spec.name == name.as_str() && !spec.required)
    }) {
        return bad(format!(
            "{name:?} cannot be found by its header alone in a {} file",
            kind.name()
        ));
    }
    for (index, (name, reference)) in mapping.columns.iter().enumerate() {
        if !fields.iter().any(|spec| spec.name == name) {
            let known: Vec<&str> = fields.iter().map(|spec| spec.name).collect();
            return bad(format!(
                "unknown field {name:?} for a {} file; fields: {}",
                kind.name(),
                known.join(", ")
            ));
        }
        if mapping.columns[..index]
            .iter()
            .any(|(other, _)| other == name)
        {
            return bad(format!("field {name:?} is mapped twice"));
        }
        if mapping.header_row == HeaderRow::Absent && matches!(reference, ColumnRef::Header(_)) {
            return bad(format!(
                "field {name:?} is found by header text, but the file has no header row"
            ));
        }
    }
    if !mapping.columns.is_empty() {
        if let Some(spec) = fields.iter().find(|spec| {
            spec.required && !mapping.columns.iter().any(|(name, _)| name == spec.name)
        }) {
            return bad(format!(
                "no column given for the required field {:?}",
                spec.name
            ));
        }
    } else if mapping.header_row == HeaderRow::Absent {
        return bad("a file without a header row needs every column given by position".to_owned());
    }
    if mapping.header_row == HeaderRow::Row(0) {
        return bad("the header row counts from 1".to_owned());
    }
    if let Some(delimiter) = mapping.delimiter {
        if !delimiter.is_ascii() || matches!(delimiter, '"' | '\r' | '\n') {
            return bad(format!("{delimiter:?} cannot be a CSV delimiter"));
        }
    }
    Ok(())
}

/// A header row that did not fit, scored so the most plausible failure is reported.
#[derive(Debug)]
pub struct Miss {
    pub error: ImportError,
    /// (fields found, cells in the row): higher is closer to a header.
    pub score: (usize, usize),
}

/// Finds the header among `prefix` and resolves every field's column.
pub fn detect(
    kind: FileKind,
    file: &str,
    mapping: &ColumnMapping,
    prefix: &[PrefixRow],
) -> Result<Layout, Miss> {
    let miss = |error: ImportError| Miss {
        error,
        score: (0, 0),
    };
    let Some(first) = prefix.first() else {
        return Err(miss(ImportError::file(file, Problem::Empty)));
    };
    match mapping.header_row {
        HeaderRow::Absent => {
            let mut columns = vec![None; kind.fields().len()];
            for (name, reference) in &mapping.columns {
                if let (Some(field), ColumnRef::Index(column)) =
                    (field_index(kind, name), reference)
                {
                    columns[field] = Some(*column);
                }
            }
            let width = columns.iter().flatten().map(|c| c + 1).max().unwrap_or(0);
            Ok(Layout {
                header_row: None,
                headers: Vec::new(),
                columns,
                width,
                raw_width: None,
            })
        }
        HeaderRow::Row(wanted) => {
            let Some((row, cells)) = prefix.iter().find(|(row, _)| *row == wanted) else {
                return Err(miss(ImportError::file(
                    file,
                    Problem::Mapping {
                        reason: format!("header row {wanted} is blank or past the end of the file"),
                    },
                )));
            };
            let resolved = resolve(kind, mapping, cells);
            resolved.into_layout(kind, file, *row, cells)
        }
        HeaderRow::Auto => {
            let mut best: Option<Miss> = None;
            for (row, cells) in prefix {
                match resolve(kind, mapping, cells).into_layout(kind, file, *row, cells) {
                    Ok(layout) => return Ok(layout),
                    Err(candidate) => {
                        if best.as_ref().is_none_or(|b| candidate.score > b.score) {
                            best = Some(candidate);
                        }
                    }
                }
            }
            Err(best.unwrap_or_else(|| miss(ImportError::at(file, first.0, None, Problem::Empty))))
        }
    }
}

fn field_index(kind: FileKind, name: &str) -> Option<usize> {
    kind.fields().iter().position(|spec| spec.name == name)
}

/// The name a missing field is reported under: its Chinese header when it has one.
fn display_name(spec: &FieldSpec) -> &'static str {
    spec.synonyms
        .iter()
        .find(|synonym| !synonym.is_ascii())
        .or(spec.synonyms.first())
        .copied()
        .unwrap_or(spec.name)
}

/// Each field's column in one candidate header row.
#[derive(Debug)]
pub struct Resolved {
    pub columns: Vec<Option<usize>>,
    /// Required fields not found.
    pub missing: Vec<Missing>,
}

/// A required field whose column is not in the row.
#[derive(Debug)]
pub struct Missing {
    pub field: usize,
    /// The header it is reported under.
    pub column: String,
    /// Every header text that would have found it.
    pub accepted: Vec<String>,
}

pub fn resolve(kind: FileKind, mapping: &ColumnMapping, cells: &[String]) -> Resolved {
    let normalized: Vec<String> = cells.iter().map(|cell| normalize_header(cell)).collect();
    let find = |header: &str| {
        let wanted = normalize_header(header);
        normalized.iter().position(|cell| *cell == wanted)
    };
    let fields = kind.fields();
    let mut columns = vec![None; fields.len()];
    let mut missing = Vec::new();
    if mapping.columns.is_empty() {
        for (field, spec) in fields.iter().enumerate() {
            columns[field] = spec.synonyms.iter().find_map(|synonym| find(synonym));
            if spec.required && columns[field].is_none() {
                missing.push(Missing {
                    field,
                    column: display_name(spec).to_owned(),
                    accepted: spec.synonyms.iter().map(|s| (*s).to_owned()).collect(),
                });
            }
        }
    } else {
        for (name, reference) in &mapping.columns {
            let Some(field) = field_index(kind, name) else {
                continue;
            };
            match reference {
                ColumnRef::Index(column) => columns[field] = Some(*column),
                ColumnRef::Header(header) => {
                    columns[field] = find(header);
                    if columns[field].is_none() {
                        missing.push(Missing {
                            field,
                            column: header.trim().to_owned(),
                            accepted: vec![header.trim().to_owned()],
                        });
                    }
                }
            }
        }
    }
    find_also_by_header(kind, mapping, &find, &mut columns);
    Resolved { columns, missing }
}

/// Puts each of the mapping's `also_by_header` fields that its columns leave out in the
/// column its header names, unless another field has that column.
fn find_also_by_header(
    kind: FileKind,
    mapping: &ColumnMapping,
    find: &impl Fn(&str) -> Option<usize>,
    columns: &mut [Option<usize>],
) {
    if mapping.columns.is_empty() {
        return;
    }
    for name in &mapping.also_by_header {
        let Some(field) = field_index(kind, name) else {
            continue;
        };
        if mapping.columns.iter().any(|(mapped, _)| mapped == name) {
            continue;
        }
        let found = kind.fields()[field]
            .synonyms
            .iter()
            .find_map(|synonym| find(synonym).filter(|column| !columns.contains(&Some(*column))));
        columns[field] = found;
    }
}

impl Resolved {
    fn into_layout(
        self,
        kind: FileKind,
        file: &str,
        row: usize,
        cells: &[String],
    ) -> Result<Layout, Miss> {
        if let Some(missing) = self.missing.into_iter().next() {
            let spec = &kind.fields()[missing.field];
            let found = self.columns.iter().flatten().count();
            return Err(Miss {
                error: ImportError::at(
                    file,
                    row,
                    Some(&missing.column),
                    Problem::MissingColumn {
                        field: spec.name,
                        accepted: missing.accepted,
                        found: cells.iter().filter(|c| !c.is_empty()).cloned().collect(),
                    },
                ),
                score: (found, cells.len()),
            });
        }
        let named = cells
            .iter()
            .rposition(|c| !c.is_empty())
            .map_or(0, |c| c + 1);
        let used = self
            .columns
            .iter()
            .flatten()
            .map(|c| c + 1)
            .max()
            .unwrap_or(0);
        Ok(Layout {
            header_row: Some(row),
            headers: cells.to_vec(),
            columns: self.columns,
            width: named.max(used),
            raw_width: Some(cells.len()),
        })
    }
}
