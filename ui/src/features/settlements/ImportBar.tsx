import { IconCreditCard, IconEdit, IconFile, IconListView, IconMail } from '@douyinfe/semi-icons';
import { Banner, Button, Progress, Select, Typography } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportKind, ImportProgress, ImportResult } from '../../bindings';
import { errorText } from '../../shared/errors';
import {
  importSettlementFiles,
  onImportProgress,
  pickSettlementFiles,
  subscription,
} from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { MappingDialog } from './MappingDialog';
import { IMPORT_KINDS, importPercent, pathNamedIn } from './model';
import { useMappingProfiles } from './queries';
import { DROP_KIND_ATTR, useFileDrop } from './useFileDrop';

const { Text } = Typography;

const KIND_ICON: Record<ImportKind, ReactNode> = {
  expected: <IconListView />,
  statement: <IconFile />,
  bank: <IconCreditCard />,
  invoices: <IconMail />,
};

interface ImportRequest {
  kind: ImportKind;
  paths: string[];
  profile: string | null;
}

interface Failure {
  kind: ImportKind;
  paths: string[];
  /** Worded when shown, so a language switch words it again. */
  error: unknown;
}

interface Running {
  percent: number;
  progress: ImportProgress | null;
}

/**
 * 导入: one button per kind of file (native dialog), or files dropped onto the window.
 * A progress bar while the Rust side reads, parses and stores; a banner naming file, row
 * and column when a file is refused, with the way out (map its columns).
 */
export function ImportBar() {
  const { t } = useTranslation('settlements');
  const notify = useNotify('settlements');
  const profiles = useMappingProfiles();
  const [chosen, setChosen] = useState<Record<ImportKind, string | null>>({
    statement: null,
    bank: null,
    expected: null,
    invoices: null,
  });
  const [running, setRunning] = useState<Running | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [mapping, setMapping] = useState<{ kind: ImportKind; path: string } | null>(null);
  const importing = useRef(false);

  useEffect(
    () =>
      subscription(() =>
        onImportProgress((p) => {
          if (!importing.current) return;
          // Never backwards: events of one file may overtake each other's rounding.
          setRunning((r) => ({
            percent: Math.max(r?.percent ?? 0, importPercent(p)),
            progress: p,
          }));
        }),
      ),
    [],
  );

  const run = useMutation({
    mutationFn: (req: ImportRequest) => importSettlementFiles(req.kind, req.paths, req.profile),
    onMutate: () => {
      importing.current = true;
      setFailure(null);
      setRunning({ percent: 0, progress: null });
    },
    onSuccess: (results: ImportResult[]) => {
      notify.success((t) =>
        results
          .map((r) =>
            // A newer export of a statement changes stored lines' payout status: said,
            // so that "nothing new" does not read as "nothing changed".
            t(r.updated > 0 ? 'importFileSummaryUpdated' : 'importFileSummary', {
              file: r.file_name,
              count: r.lines,
              added: r.added,
              already: r.already_present,
              updated: r.updated,
            }),
          )
          .join(t('summarySeparator')),
      );
    },
    onError: (error, req) => setFailure({ kind: req.kind, paths: req.paths, error }),
    onSettled: () => {
      importing.current = false;
      setRunning(null);
    },
  });

  const { mutate } = run;
  const start = useCallback(
    (kind: ImportKind, paths: string[], profile: string | null) => {
      if (paths.length > 0) mutate({ kind, paths, profile });
    },
    [mutate],
  );

  const pick = useMutation({
    mutationFn: pickSettlementFiles,
    onSuccess: (paths, kind) => start(kind, paths, chosen[kind]),
    onError: (error) => notify.error((t) => errorText(t, error)),
  });

  const busy = run.isPending || pick.isPending;
  const drag = useFileDrop((kind, paths) => {
    if (!importing.current) start(kind, paths, chosen[kind]);
  });

  const failureText = failure ? errorText(t, failure.error) : '';
  const failedPath = failure ? pathNamedIn(failureText, failure.paths) : null;
  const p = running?.progress ?? null;

  return (
    <section className="settle-section import-bar">
      <div className="import-bar__kinds">
        {IMPORT_KINDS.map((kind) => {
          const ofKind = (profiles.data ?? []).filter((pr) => pr.kind === kind);
          return (
            <div key={kind} className="import-bar__kind">
              <Button
                icon={KIND_ICON[kind]}
                theme="light"
                type="primary"
                block
                disabled={busy}
                data-testid={`import-${kind}`}
                onClick={() => pick.mutate(kind)}
              >
                {t(`importButton.${kind}`)}
              </Button>
              {ofKind.length > 0 && (
                <Select
                  size="small"
                  className="import-bar__profile"
                  prefix={t('profile')}
                  value={chosen[kind] ?? ''}
                  onChange={(v) =>
                    setChosen((c) => ({
                      ...c,
                      [kind]: typeof v === 'string' && v !== '' ? v : null,
                    }))
                  }
                  optionList={[
                    { value: '', label: t('profileNone') },
                    ...ofKind.map((pr) => ({ value: pr.name, label: pr.name })),
                  ]}
                  data-testid={`import-profile-${kind}`}
                />
              )}
            </div>
          );
        })}
      </div>

      {running !== null && (
        <div
          className="import-bar__progress"
          data-testid="import-progress"
          data-percent={running.percent}
        >
          <Progress percent={running.percent} showInfo aria-label={t('importStarting')} />
          <Text type="tertiary" size="small">
            {p === null
              ? t('importStarting')
              : t('importing', {
                  file: p.file_name,
                  index: p.file_index + 1,
                  count: p.file_count,
                  phase: t(`phase.${p.phase}`),
                })}
          </Text>
        </div>
      )}

      {failure !== null && (
        <div data-testid="import-error" className="import-bar__error">
          <Banner
            type="danger"
            fullMode={false}
            title={t('importFailedTitle')}
            onClose={() => setFailure(null)}
            description={
              <div className="import-bar__error-body">
                <span data-testid="import-error-message">{failureText}</span>
                {failedPath !== null && (
                  <Button
                    size="small"
                    theme="solid"
                    type="danger"
                    icon={<IconEdit />}
                    data-testid="import-map-columns"
                    onClick={() => setMapping({ kind: failure.kind, path: failedPath })}
                  >
                    {t('mapColumns')}
                  </Button>
                )}
              </div>
            }
          />
        </div>
      )}

      {drag.active && (
        <div className="drop-overlay" data-testid="drop-overlay">
          <div className="drop-overlay__title">{t('dropTitle')}</div>
          <div className="drop-overlay__hint">{t('dropHint')}</div>
          <div className="drop-overlay__targets">
            {IMPORT_KINDS.map((kind) => (
              <div
                key={kind}
                {...{ [DROP_KIND_ATTR]: kind }}
                data-testid={`drop-${kind}`}
                className={`drop-overlay__target${drag.over === kind ? ' is-over' : ''}`}
              >
                <span className="drop-overlay__icon">{KIND_ICON[kind]}</span>
                {t(`kind.${kind}`)}
              </div>
            ))}
          </div>
        </div>
      )}

      <MappingDialog
        target={mapping}
        onClose={() => setMapping(null)}
        onSaved={(kind, path, profile) => {
          setMapping(null);
          setChosen((c) => ({ ...c, [kind]: profile }));
          start(kind, [path], profile);
        }}
      />
    </section>
  );
}
