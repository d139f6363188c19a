import { IconChevronDown, IconChevronRight, IconDelete } from '@douyinfe/semi-icons';
import { Button, Popconfirm, Table, Tag, Typography } from '@douyinfe/semi-ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportFileView } from '../../bindings';
import { errorCode, errorText } from '../../shared/errors';
import { formatCount, formatInstant } from '../../shared/format';
import { deleteImportFile, deleteSettlementData } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { settleKeys } from './queries';

const { Text } = Typography;

/**
 * 已导入的文件: each can be taken back on its own (a wrong or mis-read file), or all of it
 * forgotten (bank lines are personal data).
 */
export function ImportedFiles({ files }: { files: ImportFileView[] }) {
  const { t } = useTranslation(['settlements', 'common']);
  const notify = useNotify(['settlements', 'common']);
  const [open, setOpen] = useState(true);

  const remove = useMutation({
    mutationFn: deleteSettlementData,
    onSuccess: () => notify.success((t) => t('files.deleted')),
    onError: (error) => notify.error((t) => errorText(t, error)),
  });

  const client = useQueryClient();
  const removeFile = useMutation({
    mutationFn: (f: ImportFileView) => deleteImportFile(f.id),
    onSuccess: (d) =>
      notify.success(
        (t) =>
          // The same export imported again later keeps the lines: nothing was deleted.
          (d.kept_by === null
            ? t('files.fileDeleted', { name: d.file_name, count: d.lines_removed })
            : t('files.fileKept', {
                name: d.file_name,
                count: d.lines_kept,
                heir: d.kept_by.file_name,
                at: formatInstant(d.kept_by.imported_at),
              })) +
          // A statement file's changes to earlier files' lines, put back.
          (d.lines_restored > 0 ? t('files.fileRestored', { count: d.lines_restored }) : ''),
      ),
    onError: (error, f) => {
      if (errorCode(error) === 'not_found') {
        // Deleted meanwhile elsewhere (a `stardesk` command): the list was old.
        notify.error((t) => t('files.fileGone', { name: f.file_name }));
        void client.invalidateQueries({ queryKey: settleKeys.all });
        return;
      }
      notify.error((t) => errorText(t, error));
    },
  });

  const columns = [
    {
      title: t('files.kind'),
      dataIndex: 'kind',
      width: 140,
      render: (_: unknown, f: ImportFileView) => (
        <Tag size="small" color="blue" type="light">
          {t(`kind.${f.kind}`)}
        </Tag>
      ),
    },
    { title: t('files.name'), dataIndex: 'file_name', ellipsis: true },
    { title: t('files.encoding'), dataIndex: 'encoding', width: 110 },
    {
      title: t('files.lines'),
      dataIndex: 'lines',
      width: 90,
      align: 'right' as const,
      render: (_: unknown, f: ImportFileView) => formatCount(f.lines),
    },
    {
      title: t('files.added'),
      dataIndex: 'added',
      width: 90,
      align: 'right' as const,
      render: (_: unknown, f: ImportFileView) => formatCount(f.added),
    },
    {
      title: t('files.importedAt'),
      dataIndex: 'imported_at',
      width: 160,
      render: (_: unknown, f: ImportFileView) => formatInstant(f.imported_at),
    },
    {
      title: t('files.actions'),
      dataIndex: 'id',
      width: 90,
      render: (_: unknown, f: ImportFileView) => (
        <Popconfirm
          title={t('files.deleteFileTitle')}
          content={
            <div className="settle-confirm">
              <p>{t('files.deleteFileBody', { name: f.file_name, count: f.added })}</p>
              {f.kind === 'statement' && <p>{t('files.deleteFileStatuses')}</p>}
            </div>
          }
          okText={t('files.deleteOk')}
          cancelText={t('common:cancel')}
          okType="danger"
          onConfirm={() => removeFile.mutate(f)}
        >
          <span>
            <Button
              type="danger"
              theme="borderless"
              size="small"
              loading={removeFile.isPending && removeFile.variables?.id === f.id}
              data-testid="delete-import-file"
            >
              {t('files.deleteFile')}
            </Button>
          </span>
        </Popconfirm>
      ),
    },
  ];

  return (
    <section className="settle-section" data-testid="import-files">
      <div className="settle-section__head">
        <Button
          theme="borderless"
          type="tertiary"
          icon={open ? <IconChevronDown /> : <IconChevronRight />}
          aria-expanded={open}
          data-testid="import-files-toggle"
          onClick={() => setOpen((o) => !o)}
        >
          <Text strong>{t('files.title', { count: files.length })}</Text>
        </Button>
        <Popconfirm
          title={t('files.deleteConfirmTitle')}
          content={<div className="settle-confirm">{t('files.deleteConfirmBody')}</div>}
          okText={t('files.deleteOk')}
          cancelText={t('common:cancel')}
          okType="danger"
          onConfirm={() => remove.mutate()}
        >
          <span>
            <Button
              type="danger"
              theme="borderless"
              icon={<IconDelete />}
              loading={remove.isPending}
              data-testid="delete-settlement-data"
            >
              {t('files.deleteAll')}
            </Button>
          </span>
        </Popconfirm>
      </div>
      {open && (
        <Table<ImportFileView>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={files}
          pagination={files.length > 10 ? { pageSize: 10 } : false}
          onRow={() => ({ 'data-testid': 'import-file-row' }) as never}
        />
      )}
    </section>
  );
}
