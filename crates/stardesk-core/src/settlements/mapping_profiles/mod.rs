//! Mapping profiles: how to read one layout of file (which column is which field, the
//! header row, footer rows, delimiter, encoding, sheet), saved by name.

pub mod ipc;

use stardesk_import::{ColumnMapping, ColumnRef, HeaderRow, TextEncoding};

use super::imports::ipc::ImportKind;
use super::imports::{file_kind, import_field, import_kind, line_kind};
use super::to_u32;
use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use ipc::*;

/// The user's mapping as the importer takes it; a bad delimiter or position is
/// `invalid_input`.
fn to_mapping(view: &ColumnMappingView) -> Result<ColumnMapping, AppError> {
    let delimiter = match view.delimiter.as_deref() {
        None | Some("") => None,
        Some(text) => {
            let mut chars = text.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii() => Some(c),
                _ => {
                    return Err(AppError::invalid_input(format!(
                        "the delimiter must be one ASCII character, not {text:?}"
                    )))
                }
            }
        }
    };
    Ok(ColumnMapping {
        columns: view
            .columns
            .iter()
            .map(|c| {
                let column = match &c.column {
                    ColumnRefView::Header { header } => ColumnRef::Header(header.clone()),
                    ColumnRefView::Index { index } => ColumnRef::Index(*index as usize),
                };
                (c.field.as_str().to_string(), column)
            })
            .collect(),
        header_row: match view.header_row {
            HeaderRowView::Auto => HeaderRow::Auto,
            HeaderRowView::Row { row } => HeaderRow::Row(row as usize),
            HeaderRowView::Absent => HeaderRow::Absent,
        },
        skip_trailing_rows: view.skip_trailing_rows as usize,
        delimiter,
        encoding: view.encoding.map(|e| match e {
            TextEncodingView::Utf8 => TextEncoding::Utf8,
            TextEncodingView::Utf8Bom => TextEncoding::Utf8Bom,
            TextEncodingView::Gb18030 => TextEncoding::Gb18030,
            TextEncodingView::Utf16Le => TextEncoding::Utf16Le,
            TextEncodingView::Utf16Be => TextEncoding::Utf16Be,
        }),
        sheet: view.sheet.clone(),
        // The window's mapping names every field it wants read; one it leaves out (a
        // direction column of other words) stays out.
        also_by_header: Vec::new(),
    })
}

/// The importer's mapping as the window shows it; a field the importer names is always an
/// `ImportField` (a test holds the two lists together).
pub(crate) fn from_mapping(m: &ColumnMapping) -> Result<ColumnMappingView, AppError> {
    Ok(ColumnMappingView {
        columns: m
            .columns
            .iter()
            .map(|(field, column)| {
                Ok(ColumnAssignment {
                    field: import_field(field)?,
                    column: match column {
                        ColumnRef::Header(header) => ColumnRefView::Header {
                            header: header.clone(),
                        },
                        ColumnRef::Index(index) => ColumnRefView::Index {
                            index: to_u32(*index),
                        },
                    },
                })
            })
            .collect::<Result<_, AppError>>()?,
        header_row: match m.header_row {
            HeaderRow::Auto => HeaderRowView::Auto,
            HeaderRow::Row(row) => HeaderRowView::Row { row: to_u32(row) },
            HeaderRow::Absent => HeaderRowView::Absent,
        },
        skip_trailing_rows: to_u32(m.skip_trailing_rows),
        delimiter: m.delimiter.map(String::from),
        encoding: m.encoding.map(|e| match e {
            TextEncoding::Utf8 => TextEncodingView::Utf8,
            TextEncoding::Utf8Bom => TextEncodingView::Utf8Bom,
            TextEncoding::Gb18030 => TextEncodingView::Gb18030,
            TextEncoding::Utf16Le => TextEncodingView::Utf16Le,
            TextEncoding::Utf16Be => TextEncodingView::Utf16Be,
        }),
        sheet: m.sheet.clone(),
    })
}

impl Context {
    /// The mapping a saved profile names, checked to be of `kind`; the default (find
    /// columns by header) without one.
    pub(crate) async fn mapping_for(
        &self,
        kind: ImportKind,
        profile: Option<String>,
    ) -> Result<ColumnMapping, AppError> {
        let Some(name) = profile else {
            return Ok(ColumnMapping::default());
        };
        let lookup = name.clone();
        let found = with_store(&self.reader, move |s| s.mapping_profile(&lookup))
            .await?
            .ok_or_else(|| {
                AppError::new(
                    ErrorCode::NotFound,
                    format!("no mapping profile named {name:?}"),
                )
            })?;
        if found.kind != line_kind(kind) {
            return Err(AppError::invalid_input(format!(
                "the mapping profile {name:?} is for {} files, not {}",
                found.kind.as_str(),
                line_kind(kind).as_str()
            )));
        }
        Ok(found.mapping)
    }

    /// Saves (or replaces) a named mapping profile. The mapping is checked against the
    /// kind's fields before anything is saved.
    pub async fn save_mapping_profile(
        &self,
        name: String,
        kind: ImportKind,
        mapping: ColumnMappingView,
    ) -> Result<MappingProfile, AppError> {
        let name = name.trim().to_string();
        if name.is_empty() {
            return Err(AppError::invalid_input("a mapping profile needs a name"));
        }
        let parsed = to_mapping(&mapping)?;
        let fields = file_kind(kind).fields();
        for (field, _) in &parsed.columns {
            if !fields.iter().any(|f| f.name == field) {
                return Err(AppError::invalid_input(format!(
                    "{field:?} is not a field of {} files",
                    line_kind(kind).as_str()
                )));
            }
        }
        let key = name.clone();
        with_store(&self.writer, move |s| {
            s.save_mapping_profile(&key, line_kind(kind), &parsed)
        })
        .await?;
        self.settlements_changed();
        Ok(MappingProfile {
            name,
            kind,
            mapping,
        })
    }

    /// Every saved mapping profile, by name.
    pub async fn mapping_profiles(&self) -> Result<Vec<MappingProfile>, AppError> {
        let records = with_store(&self.reader, |s| s.mapping_profiles()).await?;
        records
            .into_iter()
            .map(|r| {
                Ok(MappingProfile {
                    mapping: from_mapping(&r.mapping)?,
                    name: r.name,
                    kind: import_kind(r.kind),
                })
            })
            .collect()
    }

    pub async fn delete_mapping_profile(&self, name: String) -> Result<(), AppError> {
        let key = name.clone();
        if with_store(&self.writer, move |s| s.delete_mapping_profile(&key)).await? {
            self.settlements_changed();
            Ok(())
        } else {
            Err(AppError::new(
                ErrorCode::NotFound,
                format!("no mapping profile named {name:?}"),
            ))
        }
    }
}
