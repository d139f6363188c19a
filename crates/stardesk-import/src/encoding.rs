//! Telling the file's format and text encoding, and decoding text to UTF-8.

use std::borrow::Cow;

use crate::error::{ImportError, Problem};

/// How a delimited text file is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextEncoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 with a byte-order mark (what Excel writes as "CSV UTF-8").
    Utf8Bom,
    /// GB18030, a superset of GBK and GB2312: what Chinese banks and Excel on a Chinese
    /// Windows write as "CSV".
    Gb18030,
    /// UTF-16 little-endian with a byte-order mark (Excel's "Unicode text").
    Utf16Le,
    /// UTF-16 big-endian with a byte-order mark.
    Utf16Be,
}

impl TextEncoding {
    /// The label shown to the user and reported in [`crate::Imported::encoding`].
    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf8Bom => "UTF-8 BOM",
            Self::Gb18030 => "GB18030",
            Self::Utf16Le => "UTF-16LE",
            Self::Utf16Be => "UTF-16BE",
        }
    }
}

/// What kind of file the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Delimited text (comma, or tab/semicolon/pipe when the header has no comma).
    Csv { encoding: TextEncoding },
    /// An Office Open XML workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// A legacy binary Excel workbook (`.xls`), which many bank portals still export.
    Xls,
}

impl Format {
    /// `"UTF-8"`, `"UTF-8 BOM"`, `"GB18030"`, `"UTF-16LE"`, `"UTF-16BE"`, `"XLSX"` or `"XLS"`.
    pub fn label(self) -> &'static str {
        match self {
            Self::Csv { encoding } => encoding.label(),
            Self::Xlsx => "XLSX",
            Self::Xls => "XLS",
        }
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Tells the format from the bytes, the name only deciding what non-workbook bytes under a
/// workbook's name mean (an error, not a CSV).
///
/// Workbooks are recognised by content (a ZIP or OLE container), whatever the name says,
/// because users rename files. Text is UTF-8 when it starts with a UTF-8 BOM or is valid
/// UTF-8, UTF-16 when it starts with a UTF-16 BOM, and otherwise GB18030 if it decodes
/// without a single error and without control characters; anything else is
/// [`Problem::UnknownEncoding`], naming the file.
pub fn detect_format(name: &str, bytes: &[u8]) -> Result<Format, ImportError> {
    match container(name, bytes)? {
        Some(format) => Ok(format),
        None => open_text(name, bytes, None).map(|(encoding, _)| Format::Csv { encoding }),
    }
}

/// Whether the name ends as an Excel workbook's does (`.xlsx`, `.xlsm`, `.xls`, any case).
pub(crate) fn has_workbook_extension(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xls"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// `Some` for a workbook; `None` for text; an error for non-workbook bytes under a
/// workbook's name.
pub(crate) fn container(name: &str, bytes: &[u8]) -> Result<Option<Format>, ImportError> {
    if bytes.starts_with(ZIP_MAGIC) {
        return Ok(Some(Format::Xlsx));
    }
    if bytes.starts_with(OLE_MAGIC) {
        return Ok(Some(Format::Xls));
    }
    if has_workbook_extension(name) {
        let reason = if bytes.is_empty() {
            "the file is empty".to_owned()
        } else {
            "the bytes are not an Excel (ZIP or OLE) container".to_owned()
        };
        return Err(ImportError::file(name, Problem::NotExcel { reason }));
    }
    Ok(None)
}

/// Detects (unless `forced`) the text encoding and decodes to UTF-8 text, borrowing when
/// the file already is UTF-8: the common case pays for one validation and nothing else, and
/// GB18030 is decoded once, only when the bytes are not UTF-8.
pub(crate) fn open_text<'a>(
    name: &str,
    bytes: &'a [u8],
    forced: Option<TextEncoding>,
) -> Result<(TextEncoding, Cow<'a, str>), ImportError> {
    if let Some(encoding) = forced {
        return decode(name, bytes, encoding).map(|text| (encoding, text));
    }
    let unknown = || ImportError::file(name, Problem::UnknownEncoding);
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return decode(name, bytes, TextEncoding::Utf8Bom).map(|t| (TextEncoding::Utf8Bom, t));
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return decode(name, bytes, TextEncoding::Utf16Le).map(|t| (TextEncoding::Utf16Le, t));
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return decode(name, bytes, TextEncoding::Utf16Be).map(|t| (TextEncoding::Utf16Be, t));
    }
    // A NUL never appears in text: UTF-16 without a BOM, or a binary file.
    if bytes.contains(&0) {
        return Err(unknown());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((TextEncoding::Utf8, Cow::Borrowed(text)));
    }
    match gb18030(bytes) {
        Some(text) if !has_control_chars(&text) => {
            Ok((TextEncoding::Gb18030, Cow::Owned(text.into_owned())))
        }
        _ => Err(unknown()),
    }
}

fn gb18030(bytes: &[u8]) -> Option<Cow<'_, str>> {
    encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
}

/// C0 controls other than tab, CR, LF (and the DOS end-of-file mark) mean the bytes were
/// not really GB18030 text, even if every byte sequence happened to decode.
fn has_control_chars(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{1a}'))
}

/// Decodes text known (or told) to be in `encoding` to UTF-8.
fn decode<'a>(
    name: &str,
    bytes: &'a [u8],
    encoding: TextEncoding,
) -> Result<Cow<'a, str>, ImportError> {
    let not_in = || {
        ImportError::file(
            name,
            Problem::NotInEncoding {
                encoding: encoding.label(),
            },
        )
    };
    match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => {
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            std::str::from_utf8(body)
                .map(Cow::Borrowed)
                .map_err(|_| not_in())
        }
        TextEncoding::Gb18030 => gb18030(bytes).ok_or_else(not_in),
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => {
            let (codec, bom): (&'static encoding_rs::Encoding, &[u8]) =
                if encoding == TextEncoding::Utf16Le {
                    (encoding_rs::UTF_16LE, b"\xFF\xFE")
                } else {
                    (encoding_rs::UTF_16BE, b"\xFE\xFF")
                };
            let body = bytes.strip_prefix(bom).unwrap_or(bytes);
            codec
                .decode_without_bom_handling_and_without_replacement(body)
                .map(|text| Cow::Owned(text.into_owned()))
                .ok_or_else(not_in)
        }
    }
}
