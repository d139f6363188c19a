import { Select, TextArea } from '@douyinfe/semi-ui';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem, SnippetView } from '../../bindings';
import { charCount, PITCH_CHARS } from '../profile/SnippetDialog';
import type { PitchField as Field } from './applyForm';

/**
 * 合作优势 or 创作思路: the text with its count (as core counts: trimmed, by character), a
 * picker of the saved snippets of that kind, and core's problem with the text in words.
 * A textarea: Enter is a new line, never a submit.
 */
export function PitchField({
  field,
  value,
  snippetId,
  snippets,
  problem,
  onText,
  onSnippet,
}: {
  field: Field;
  value: string;
  snippetId: string | null;
  snippets: readonly SnippetView[];
  problem: FieldProblem | undefined;
  onText: (text: string) => void;
  onSnippet: (snippet: SnippetView | null) => void;
}) {
  const { t } = useTranslation(['apply', 'profile']);
  const id = useId();
  const mine = snippets.filter((s) => s.kind === field);
  const kind = t(`profile:fields.${field}`);

  return (
    <div className="apply-field">
      <div className="apply-field__head">
        <label className="apply-field__label" htmlFor={id}>
          {kind}
          <span className="apply-field__hint">{t('pitch.lengthHint', PITCH_CHARS)}</span>
        </label>
        <Select
          className="apply-field__snippets"
          size="small"
          showClear
          value={snippetId ?? undefined}
          placeholder={t('pitch.snippet')}
          emptyContent={t('pitch.noSnippets')}
          aria-label={t('pitch.snippetLabel', { kind })}
          onChange={(v) => onSnippet(mine.find((s) => s.id === v) ?? null)}
          optionList={mine.map((s) => ({ value: s.id, label: s.title }))}
          data-testid={`apply-${field}-snippet`}
        />
      </div>
      <TextArea
        id={id}
        value={value}
        onChange={onText}
        placeholder={t(`profile:snippets.kindHints.${field}`)}
        rows={5}
        maxCount={PITCH_CHARS.max}
        getValueLength={charCount}
        validateStatus={problem === undefined ? 'default' : 'error'}
        aria-invalid={problem !== undefined}
        aria-describedby={problem === undefined ? undefined : `${id}-error`}
        data-testid={`apply-${field}`}
      />
      {problem !== undefined && (
        <div
          id={`${id}-error`}
          className="apply-field__error"
          role="alert"
          data-testid={`apply-field-${field}`}
          data-problem={problem.problem}
        >
          {t(`profile:problems.${problem.problem}`, {
            min: problem.min ?? 0,
            max: problem.max ?? 0,
          })}
        </div>
      )}
    </div>
  );
}
