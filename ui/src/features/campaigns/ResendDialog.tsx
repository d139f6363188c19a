import { Banner, Button, Modal, Select, TextArea, Typography } from '@douyinfe/semi-ui';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationInput, FieldProblem, OutboxItemView, SnippetKind } from '../../bindings';
import { errorCodeText, errorText } from '../../shared/errors';
import { checkApplication, resendApplication } from '../../shared/ipc';
import { useNotify } from '../../shared/notify';
import { InlineFailure, Loading } from '../../shared/QueryView';
import { useAddresses, useSnippets } from '../profile/queries';
import { charCount, PITCH_CHARS } from '../profile/SnippetDialog';
import { problemText } from './outboxText';

const { Text } = Typography;

type Result = { sent: true } | { sent: false; problems: FieldProblem[] };

/**
 * 修改后重新发送 a refused application: a saved address and the two texts (R-REVIEW-12),
 * checked by core first (problems by field), then `resend_application` under a new key.
 * The outbox item does not carry the texts it was sent with, so they are written again.
 */
export function ResendDialog({ item, onClose }: { item: OutboxItemView; onClose: () => void }) {
  const { t } = useTranslation(['campaigns', 'profile', 'common']);
  const notify = useNotify(['campaigns', 'profile', 'common']);
  const addresses = useAddresses();
  const [addressId, setAddressId] = useState<string | null>(null);
  const [texts, setTexts] = useState<Record<SnippetKind, string>>({ strengths: '', idea: '' });
  const [snippetIds, setSnippetIds] = useState<string[]>([]);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [tried, setTried] = useState(false);

  const list = addresses.data ?? [];
  const chosen = addressId ?? list.find((a) => a.is_default)?.id ?? list[0]?.id ?? null;

  const send = useMutation({
    mutationFn: async (input: ApplicationInput): Promise<Result> => {
      const check = await checkApplication(input);
      if (check.problems.length > 0) return { sent: false, problems: check.problems };
      await resendApplication(item.id, input);
      return { sent: true };
    },
    onSuccess: (result) => {
      if (!result.sent) {
        setProblems(result.problems);
        return;
      }
      notify.success((t) => t('resend.sent'));
      onClose();
    },
  });

  const submit = () => {
    setTried(true);
    if (chosen === null) return;
    send.mutate({
      task_id: item.task_id,
      shipping: { kind: 'saved', address_id: chosen },
      strengths: texts.strengths,
      idea: texts.idea,
      snippet_ids: snippetIds,
    });
  };
  const fill = (kind: SnippetKind, body: string, id: string) => {
    setTexts((old) => ({ ...old, [kind]: body }));
    setSnippetIds((old) => (old.includes(id) ? old : [...old, id]));
  };
  const problemOf = (p: FieldProblem) =>
    t('outbox.problem', {
      field: t(`profile:fields.${p.field}`),
      problem: t(`profile:problems.${p.problem}`, { min: p.min ?? 0, max: p.max ?? 0 }),
    });

  return (
    <Modal
      visible
      title={t('resend.title')}
      onCancel={onClose}
      maskClosable={false}
      width={640}
      footer={
        <>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button
            theme="solid"
            loading={send.isPending}
            disabled={list.length === 0}
            onClick={submit}
            data-testid="resend-send"
          >
            {t('resend.send')}
          </Button>
        </>
      }
    >
      <div className="cmp-form" data-testid="resend-form">
        <Text type="tertiary" size="small">
          {t('resend.intro')}
        </Text>
        {item.problems.length > 0 && (
          <ul className="cmp-outbox__problems">
            {item.problems.map((p) => (
              <li key={`${p.field}-${p.code}`}>{problemText(t, p)}</li>
            ))}
          </ul>
        )}
        <Text strong>{t('resend.address')}</Text>
        {addresses.isPending ? (
          <Loading className="cmp-center" size="small" />
        ) : addresses.isError ? (
          // Not "no saved address": the book could not be read.
          <InlineFailure
            testId="resend-address-failed"
            text={t('resend.addressFailed', { text: errorCodeText(t, addresses.error) })}
            onRetry={() => void addresses.refetch()}
          />
        ) : list.length === 0 ? (
          <Text type="warning" data-testid="resend-no-address">
            {t('resend.noAddress')}
          </Text>
        ) : (
          <Select
            value={chosen ?? undefined}
            // onSelect: at once (onChange of a controlled Select waits for its close animation).
            onSelect={(v) => setAddressId(String(v))}
            placeholder={t('resend.addressPlaceholder')}
            optionList={list.map((a) => ({
              value: a.id,
              label: [a.label, a.contact_name, a.phone_masked, a.province, a.city, a.district]
                .filter((s) => s !== '')
                .join(' '),
            }))}
            data-testid="resend-address"
          />
        )}
        {tried && chosen === null && <Text type="danger">{t('resend.addressRequired')}</Text>}
        <PitchField kind="strengths" value={texts.strengths} onChange={setTexts} onPick={fill} />
        <PitchField kind="idea" value={texts.idea} onChange={setTexts} onPick={fill} />
        {problems.length > 0 && (
          <Banner
            type="danger"
            closeIcon={null}
            data-testid="resend-problems"
            description={
              <ul className="cmp-outbox__problems">
                {problems.map((p) => (
                  <li key={`${p.field}-${p.problem}`} data-field={p.field}>
                    {problemOf(p)}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        {send.isError && (
          <Banner
            type="danger"
            closeIcon={null}
            data-testid="resend-error"
            description={t('failed', { text: errorText(t, send.error) })}
          />
        )}
      </div>
    </Modal>
  );
}

/** 合作优势 or 创作思路, with the saved snippets of that kind to fill it from. */
function PitchField({
  kind,
  value,
  onChange,
  onPick,
}: {
  kind: SnippetKind;
  value: string;
  onChange: (update: (old: Record<SnippetKind, string>) => Record<SnippetKind, string>) => void;
  onPick: (kind: SnippetKind, body: string, id: string) => void;
}) {
  const { t } = useTranslation(['campaigns', 'profile']);
  const id = useId();
  const snippets = (useSnippets().data ?? []).filter((s) => s.kind === kind);
  return (
    <>
      <div className="cmp-form__row">
        <label className="cmp-form__label" htmlFor={id}>
          {t(`resend.${kind}`)}
        </label>
        {snippets.length > 0 && (
          <Select
            size="small"
            placeholder={t('resend.fromSnippet')}
            // An action, not a choice kept: the placeholder stays, the text is filled in.
            value={undefined}
            onSelect={(v) => {
              const s = snippets.find((x) => x.id === v);
              if (s) onPick(kind, s.body, s.id);
            }}
            optionList={snippets.map((s) => ({ value: s.id, label: s.title }))}
            data-testid={`resend-snippet-${kind}`}
          />
        )}
      </div>
      <TextArea
        id={id}
        value={value}
        onChange={(v) => onChange((old) => ({ ...old, [kind]: v }))}
        rows={4}
        maxCount={PITCH_CHARS.max}
        data-testid={`resend-${kind}`}
      />
      <Text type="tertiary" size="small">
        {t('resend.chars', { n: charCount(value) })} ·{' '}
        {t('profile:snippets.lengthHint', PITCH_CHARS)}
      </Text>
    </>
  );
}
