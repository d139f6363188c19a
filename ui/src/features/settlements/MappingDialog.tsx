import { Banner, Input, Modal, Select, Tag, Typography } from '@douyinfe/semi-ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ColumnAssignment,
  ColumnMappingView,
  FilePreview,
  ImportField,
  ImportKind,
} from '../../bindings';
import { errorText } from '../../shared/errors';
import { previewSettlementFile, saveMappingProfile } from '../../shared/ipc';
import { Loading, QueryView } from '../../shared/QueryView';
import { fieldLabel } from './labels';

const { Text } = Typography;

/** The column a guessed assignment points at, as an index into the preview's headers. */
function columnIndex(preview: FilePreview, a: ColumnAssignment): number | null {
  if (a.column.by === 'index') return a.column.index;
  const { header } = a.column;
  const i = preview.headers.indexOf(header);
  return i >= 0 ? i : null;
}

/** A chosen column, by header when that header is unique, else by position. */
function columnRef(preview: FilePreview, index: number): ColumnAssignment['column'] {
  const header = preview.headers[index];
  const unique =
    header !== undefined &&
    header.trim() !== '' &&
    preview.headers.indexOf(header) === preview.headers.lastIndexOf(header);
  return unique ? { by: 'header', header } : { by: 'index', index };
}

/** The column chosen for each field, as an index into the preview's headers. */
type Chosen = Partial<Record<ImportField, number>>;

export function mappingFrom(preview: FilePreview, chosen: Chosen): ColumnMappingView {
  const columns: ColumnAssignment[] = [];
  for (const { field } of preview.fields) {
    const index = chosen[field];
    if (index !== undefined) columns.push({ field, column: columnRef(preview, index) });
  }
  // Header row, sheet, encoding and delimiter as the preview found them.
  return { ...preview.guessed_mapping, columns };
}

/**
 * 映射列: what the file looks like, and which of its columns holds each field. Saving
 * keeps the mapping as a named profile and imports the file with it.
 */
export function MappingDialog({
  target,
  onClose,
  onSaved,
}: {
  target: { kind: ImportKind; path: string } | null;
  onClose: () => void;
  onSaved: (kind: ImportKind, path: string, profile: string) => void;
}) {
  const { t } = useTranslation(['settlements', 'common']);
  const nameId = useId();
  const kind = target?.kind ?? 'statement';
  const path = target?.path ?? '';
  const preview = useQuery({
    queryKey: ['settlements', 'preview', kind, path],
    queryFn: () => previewSettlementFile(kind, path),
    enabled: target !== null,
    gcTime: 0,
  });
  const [chosen, setChosen] = useState<Chosen>({});
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  // Each file starts from the columns the importer guessed.
  useEffect(() => {
    const p = preview.data;
    if (!p) return;
    const next: Chosen = {};
    for (const a of p.guessed_mapping.columns) {
      const i = columnIndex(p, a);
      if (i !== null) next[a.field] = i;
    }
    setChosen(next);
    setProblem(null);
  }, [preview.data]);

  const save = useMutation({
    mutationFn: (args: { name: string; mapping: ColumnMappingView }) =>
      saveMappingProfile(args.name, kind, args.mapping),
    onSuccess: (profile) => onSaved(kind, path, profile.name),
    onError: (error) => setProblem(t('mapping.saveFailed', { text: errorText(t, error) })),
  });

  const p = preview.data;
  const options = useMemo(
    () =>
      (p?.headers ?? []).map((h, i) => ({
        // Strings: Semi's Select takes a 0 for no value.
        value: String(i),
        label: h.trim() === '' ? t('mapping.columnIndex', { n: i + 1 }) : h,
      })),
    [p, t],
  );

  const submit = () => {
    if (!p) return;
    // The preview lists the kind's fields, in the dialog's order, with what is required.
    const unmapped = p.fields.filter((f) => f.required && chosen[f.field] === undefined);
    if (unmapped.length > 0) {
      setProblem(
        t('mapping.requiredUnmapped', {
          fields: unmapped.map((f) => fieldLabel(t, f.field)).join(t('listSeparator')),
        }),
      );
      return;
    }
    if (name.trim() === '') {
      setProblem(t('mapping.nameRequired'));
      return;
    }
    setProblem(null);
    save.mutate({ name: name.trim(), mapping: mappingFrom(p, chosen) });
  };

  const fieldName = (f: ImportField) => fieldLabel(t, f);

  const body = (
    <QueryView
      query={preview}
      pending={<Loading className="settle-center" size="middle" />}
      error={(error) => (
        <Text type="danger">{t('mapping.loadFailed', { text: errorText(t, error) })}</Text>
      )}
    >
      {(data) => (
        <div className="mapping" data-testid="mapping-dialog">
          <div className="mapping__facts">
            <span>
              <Text type="tertiary">{t('mapping.encoding')}</Text>{' '}
              <Tag size="small">{data.encoding}</Tag>
            </span>
            {data.sheet !== null && (
              <span>
                <Text type="tertiary">{t('mapping.sheet')}</Text> {data.sheet}
              </span>
            )}
            <span>
              <Text type="tertiary">{t('mapping.headerRow')}</Text>{' '}
              {data.header_row === null
                ? t('mapping.headerRowNone')
                : t('mapping.headerRowValue', { row: data.header_row })}
            </span>
          </div>
          <Text type="tertiary" size="small">
            {t('mapping.preview', { count: data.rows.length })}
          </Text>
          <div className="mapping__preview">
            <table className="data-table">
              <thead>
                <tr>
                  {data.headers.map((h, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: columns have no other identity
                    <th key={i} className="mapping__cell">
                      {h === '' ? t('mapping.columnIndex', { n: i + 1 }) : h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.rows.map((row, r) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: preview rows have no identity
                  <tr key={r}>
                    {row.map((cell, c) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells have no identity
                      <td key={c} className="mapping__cell">
                        {cell}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.missing_required.length > 0 ? (
            <Banner
              type="warning"
              closeIcon={null}
              description={t('mapping.missing', {
                fields: data.missing_required.map(fieldName).join(t('listSeparator')),
              })}
            />
          ) : (
            <Text type="tertiary" size="small">
              {t('mapping.allFound')}
            </Text>
          )}
          <div className="mapping__fields">
            {data.fields.map((f) => (
              <div
                key={f.field}
                className="mapping__field"
                data-testid={`mapping-field-${f.field}`}
              >
                <span className="mapping__field-name" id={`${nameId}-${f.field}`}>
                  {fieldName(f.field)}
                  {f.required && <span className="mapping__required">*</span>}
                </span>
                <Select
                  size="small"
                  showClear
                  // Without the closing animation a choice applies at once (also under jsdom).
                  motion={false}
                  aria-labelledby={`${nameId}-${f.field}`}
                  placeholder={t('mapping.columnPlaceholder')}
                  optionList={options}
                  value={chosen[f.field] === undefined ? undefined : String(chosen[f.field])}
                  onChange={(v) =>
                    setChosen((c) => ({
                      ...c,
                      [f.field]: typeof v === 'string' && v !== '' ? Number(v) : undefined,
                    }))
                  }
                  style={{ width: '100%' }}
                />
              </div>
            ))}
          </div>
          <div className="mapping__name">
            <label htmlFor={nameId}>{t('mapping.profileName')}</label>
            <Input
              id={nameId}
              data-testid="mapping-profile-name"
              value={name}
              onChange={setName}
              placeholder={t('mapping.profileNamePlaceholder')}
            />
          </div>
          {problem !== null && (
            <Text type="danger" data-testid="mapping-problem">
              {problem}
            </Text>
          )}
        </div>
      )}
    </QueryView>
  );

  return (
    <Modal
      visible={target !== null}
      title={t('mapping.title', { file: preview.data?.file_name ?? path })}
      onCancel={onClose}
      onOk={submit}
      okText={t('mapping.saveAndImport')}
      cancelText={t('common:cancel')}
      okButtonProps={{ disabled: !preview.isSuccess, 'data-testid': 'mapping-save' } as never}
      confirmLoading={save.isPending}
      width={720}
    >
      {body}
    </Modal>
  );
}
