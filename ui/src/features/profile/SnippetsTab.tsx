import { IconPlus } from '@douyinfe/semi-icons';
import { Button, Typography } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SNIPPET_KINDS, type SnippetKind, type SnippetView } from '../../bindings';
import { errorText } from '../../shared/errors';
import { deleteSnippet } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { LoadFailed, Loading, QueryView } from '../../shared/QueryView';
import { ConfirmDelete } from './ConfirmDelete';
import { useSnippets } from './queries';
import { charCount, SnippetDialog } from './SnippetDialog';

const { Text, Title } = Typography;

/** 常用文案: the saved 合作优势 and 创作思路 texts, by kind, the most recently used first. */
export function SnippetsTab() {
  const { t } = useTranslation(['profile', 'common']);
  const snippets = useSnippets();
  const [editing, setEditing] = useState<{ kind: SnippetKind; snippet: SnippetView | null }>();

  return (
    <div className="profile-tab" data-testid="snippets-tab">
      <Text type="tertiary" size="small">
        {t('snippets.intro')}
      </Text>
      <QueryView
        query={snippets}
        pending={<Loading className="profile-center" />}
        error={(error, retry) => (
          <LoadFailed
            size={100}
            title={t('snippets.loadFailed')}
            description={errorText(t, error)}
            onRetry={retry}
          />
        )}
      >
        {(all) =>
          SNIPPET_KINDS.map((kind) => {
            const mine = all.filter((s) => s.kind === kind);
            return (
              <section
                key={kind}
                className="profile-group"
                data-testid="snippet-group"
                data-kind={kind}
              >
                <div className="profile-group__head">
                  <div>
                    <Title heading={6}>{t(`snippets.kinds.${kind}`)}</Title>
                    <Text type="tertiary" size="small">
                      {t(`snippets.kindHints.${kind}`)}
                    </Text>
                  </div>
                  <Button
                    icon={<IconPlus />}
                    onClick={() => setEditing({ kind, snippet: null })}
                    data-testid="snippet-add"
                    data-kind={kind}
                  >
                    {t('snippets.add')}
                  </Button>
                </div>
                {mine.length === 0 ? (
                  <Text type="tertiary" size="small" className="profile-group__empty">
                    {t('snippets.empty')}
                  </Text>
                ) : (
                  <ul className="profile-list">
                    {mine.map((s) => (
                      <SnippetRow
                        key={s.id}
                        snippet={s}
                        onEdit={() => setEditing({ kind, snippet: s })}
                      />
                    ))}
                  </ul>
                )}
              </section>
            );
          })
        }
      </QueryView>
      {editing && (
        <SnippetDialog
          kind={editing.kind}
          snippet={editing.snippet}
          onClose={() => setEditing(undefined)}
        />
      )}
    </div>
  );
}

function SnippetRow({ snippet: s, onEdit }: { snippet: SnippetView; onEdit: () => void }) {
  const { t } = useTranslation(['profile', 'common']);
  const notify = useNotify(['profile', 'common']);
  const remove = useMutation({
    mutationFn: () => deleteSnippet(s.id),
    onSuccess: () => notify.success((t) => t('snippets.deleted')),
    onError: (error) => notify.error((t) => t('failed', { text: errorText(t, error) })),
  });
  return (
    <li className="profile-row" data-testid="snippet-row" data-kind={s.kind} data-id={s.id}>
      <div className="profile-row__main">
        <div className="profile-row__title">
          <Text strong>{s.title}</Text>
          <Text type="tertiary" size="small">
            {t('snippets.chars', { n: charCount(s.body) })}
          </Text>
        </div>
        <div className="profile-row__preview" data-testid="snippet-preview">
          {s.body}
        </div>
      </div>
      <div className="profile-row__actions">
        <Button size="small" theme="borderless" onClick={onEdit} data-testid="snippet-edit">
          {t('edit')}
        </Button>
        <ConfirmDelete
          title={t('snippets.deleteTitle')}
          testId="snippet-delete"
          loading={remove.isPending}
          onConfirm={() => remove.mutate()}
        />
      </div>
    </li>
  );
}
