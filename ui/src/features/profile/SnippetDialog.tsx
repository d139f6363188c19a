import { Button, Input, Modal, TextArea, Typography } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SnippetKind, SnippetView } from '../../bindings';
import { errorText } from '../../shared/errors';
import { saveSnippet } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';

const { Text } = Typography;

/**
 * The characters an application form takes for 合作优势 and 创作思路 (the domain's
 * `PITCH_CHARS`, R-REVIEW-12). A snippet may be saved outside them; the count says so.
 */
export const PITCH_CHARS = { min: 10, max: 500 } as const;

/** Characters as core counts them: of the trimmed text, by code point. */
export function charCount(text: string): number {
  return [...text.trim()].length;
}

/** 新增/编辑 a snippet of one kind: `snippet` null for a new one. */
export function SnippetDialog({
  kind,
  snippet,
  onClose,
}: {
  kind: SnippetKind;
  snippet: SnippetView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation(['profile', 'common']);
  const notify = useNotify(['profile', 'common']);
  const titleId = useId();
  const bodyId = useId();
  const [title, setTitle] = useState(snippet?.title ?? '');
  const [body, setBody] = useState(snippet?.body ?? '');
  const [missing, setMissing] = useState(false);

  const save = useMutation({
    mutationFn: saveSnippet,
    onSuccess: () => {
      notify.success((t) => t('snippets.saved'));
      onClose();
    },
  });

  const submit = () => {
    if (title.trim() === '' || body.trim() === '') {
      setMissing(true);
      return;
    }
    setMissing(false);
    save.mutate({ id: snippet?.id ?? null, kind, title, body });
  };

  const count = charCount(body);
  const kindName = t(`snippets.kinds.${kind}`);
  return (
    <Modal
      visible
      title={t(snippet === null ? 'snippets.titleNew' : 'snippets.titleEdit', { kind: kindName })}
      onCancel={onClose}
      maskClosable={false}
      width={600}
      footer={
        <>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button
            theme="solid"
            loading={save.isPending}
            onClick={submit}
            data-testid="snippet-save"
          >
            {t('common:save')}
          </Button>
        </>
      }
    >
      <div className="profile-form" data-testid="snippet-form">
        <label className="profile-form__label" htmlFor={titleId}>
          {t('snippets.title')}
        </label>
        <Input
          id={titleId}
          value={title}
          onChange={setTitle}
          placeholder={t('snippets.titlePlaceholder')}
          maxLength={40}
          validateStatus={missing && title.trim() === '' ? 'error' : 'default'}
          data-testid="snippet-title"
        />
        <label className="profile-form__label" htmlFor={bodyId}>
          {t('snippets.body')}
        </label>
        <TextArea
          id={bodyId}
          value={body}
          onChange={setBody}
          placeholder={t(`snippets.kindHints.${kind}`)}
          rows={6}
          maxCount={PITCH_CHARS.max}
          getValueLength={charCount}
          validateStatus={missing && body.trim() === '' ? 'error' : 'default'}
          data-testid="snippet-body"
        />
        <Text type="tertiary" size="small" data-testid="snippet-count-hint">
          {t('snippets.lengthHint', PITCH_CHARS)}
        </Text>
        {count > 0 && count < PITCH_CHARS.min && (
          <Text type="warning" size="small" data-testid="snippet-length">
            {t('snippets.tooShort', { count: PITCH_CHARS.min - count })}
          </Text>
        )}
        {count > PITCH_CHARS.max && (
          <Text type="warning" size="small" data-testid="snippet-length">
            {t('snippets.tooLong', { count: count - PITCH_CHARS.max })}
          </Text>
        )}
        {missing && (
          <Text type="danger" data-testid="snippet-error">
            {t('snippets.required')}
          </Text>
        )}
        {save.isError && (
          <Text type="danger" data-testid="snippet-error">
            {t('failed', { text: errorText(t, save.error) })}
          </Text>
        )}
      </div>
    </Modal>
  );
}
