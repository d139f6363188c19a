import { IconPlus } from '@douyinfe/semi-icons';
import { Button, Select, Tag, Typography } from '@douyinfe/semi-ui';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AddressView, FieldProblem } from '../../bindings';
import { AddressDialog } from '../profile/AddressDialog';

const { Text } = Typography;

/** An address as the settings list shows it: contact, the phone masked by core, the
 * region's names; never the street. */
function AddressOption({ address: a }: { address: AddressView }) {
  const { t } = useTranslation('apply');
  return (
    <span className="apply-address">
      {a.label !== '' && <Text strong>{a.label}</Text>}
      <span>{a.contact_name}</span>
      <span className="profile-phone">{a.phone_masked}</span>
      <Text type="secondary">
        {[a.province, a.city, a.district].filter((n) => n !== '').join(' / ')}
      </Text>
      {a.is_default && (
        <Tag size="small" color="blue">
          {t('shipping.isDefault')}
        </Tag>
      )}
    </span>
  );
}

/**
 * 收货地址: a saved address (the default picked at first), or — with none saved — a way to
 * add one with the settings' own dialog; the list is read again when core says the
 * address book changed, and the first address saved becomes the one picked.
 */
export function ShippingField({
  addresses,
  value,
  onChange,
  problems,
}: {
  addresses: readonly AddressView[];
  value: string | null;
  onChange: (id: string) => void;
  problems: readonly FieldProblem[];
}) {
  const { t } = useTranslation(['apply', 'profile']);
  const id = useId();
  const [adding, setAdding] = useState(false);

  // With none saved there is nothing to pick, and the field says so itself.
  const messages =
    value === null
      ? []
      : problems.map((p) =>
          t('shipping.problem', {
            field: t(`profile:fields.${p.field}`),
            problem: t(`profile:problems.${p.problem}`, { min: p.min ?? 0, max: p.max ?? 0 }),
          }),
        );
  return (
    <div className="apply-field">
      <label className="apply-field__label" id={`${id}-label`} htmlFor={id}>
        {t('shipping.label')}
      </label>
      {addresses.length === 0 ? (
        <Text type="warning" data-testid="apply-no-address">
          {t('shipping.none')}
        </Text>
      ) : (
        <Select
          id={id}
          aria-labelledby={`${id}-label`}
          aria-invalid={messages.length > 0}
          aria-describedby={messages.length > 0 ? `${id}-error` : undefined}
          className="apply-field__control"
          value={value ?? undefined}
          placeholder={t('shipping.placeholder')}
          onChange={(v) => onChange(String(v))}
          optionList={addresses.map((a) => ({ value: a.id, label: <AddressOption address={a} /> }))}
          validateStatus={messages.length > 0 ? 'error' : 'default'}
          data-testid="apply-address"
        />
      )}
      <div className="apply-field__bar">
        <Button
          size="small"
          theme="borderless"
          icon={<IconPlus />}
          onClick={() => setAdding(true)}
          data-testid="apply-address-add"
        >
          {t('shipping.add')}
        </Button>
      </div>
      {messages.length > 0 && (
        <div id={`${id}-error`} className="apply-field__error" role="alert">
          {messages.map((m) => (
            <div key={m} data-testid="apply-field-shipping">
              {m}
            </div>
          ))}
        </div>
      )}
      {adding && <AddressDialog id={null} onClose={() => setAdding(false)} />}
    </div>
  );
}
